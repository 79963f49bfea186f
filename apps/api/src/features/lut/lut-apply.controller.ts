import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, LutApplyRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { operationSummary } from '../../operations/operation-route';
import { Operation } from '../../operations/operation.decorator';
import { OperationRunner } from '../../operations/operation-runner.service';

@ApiTags('LUT Export')
@Controller('api/v1/lut')
export class LutApplyController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('apply')
  @HttpCode(200)
  @Operation('lut_apply')
  @ApiOperation({
    summary: operationSummary('lut_apply', 'Apply a LUT extracted from before/after images'),
    description:
      'Grades `image` with the LUT that turns `before` into `after` (an example edit, transferred; see /lut/export/before-after for the fit), ' +
      'or — instead of the pair — with a .cube you uploaded (`lut_key`; a malformed file is a 422 naming the line). Output format, 16-bit depth, alpha and orientation follow the image.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, lut: { size, kind, coverage, rms_error | title } }, … }`' })
  apply(@Body() body: LutApplyRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const hasPair = [body.before, body.before_key, body.after, body.after_key].some((value) => value !== undefined && value !== '');
    if (hasPair === (body.lut_key !== undefined)) {
      throw DomainError.validation('Provide either the before/after pair or lut_key', [
        { field: 'before_key', message: 'with after_key: an example edit to learn the LUT from' },
        { field: 'lut_key', message: 'or: a .cube file in your storage' },
      ]);
    }
    const inputs = inputFieldsOf('lut_apply', body, hasPair ? ['image', 'before', 'after'] : ['image', 'lut']);
    return this.runner.run(req, res, 'lut_apply', { webhookUrl: body.webhook_url, inputs, params: { size: body.size, source: hasPair ? 'examples' : 'cube' }, responseFormat: body.response_format });
  }
}
