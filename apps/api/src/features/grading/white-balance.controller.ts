import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, WhiteBalanceRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';

@ApiTags('White Balance')
@Controller('api/v1/white-balance')
export class WhiteBalanceController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('apply')
  @HttpCode(200)
  @Operation('white_balance_apply')
  @ApiOperation({
    summary: operationSummary('white_balance_apply', 'Apply white balance correction'),
    description:
      'Estimates the scene white on a ≤ 512 px proxy and neutralises it with a chromatic adaptation (CAT16) in linear light, keeping exposure; ' +
      'the correction is baked into a 3D LUT applied to the full image. The result reports the estimated white (CCT in kelvin, Duv, confidence). ' +
      '`neutral_x` and `neutral_y` are required for `neutral_point` and ignored by the other methods.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, method, intensity, estimated_white }, … }`' })
  apply(@Body() body: WhiteBalanceRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const neutralPoint = body.method === 'neutral_point';
    if (neutralPoint && (body.neutral_x === undefined || body.neutral_y === undefined)) {
      throw DomainError.validation('neutral_point needs neutral_x and neutral_y', [
        ...(body.neutral_x === undefined ? [{ field: 'neutral_x', message: 'required for method neutral_point (0 = left, 1 = right)' }] : []),
        ...(body.neutral_y === undefined ? [{ field: 'neutral_y', message: 'required for method neutral_point (0 = top, 1 = bottom)' }] : []),
      ]);
    }
    return this.runner.run(req, res, 'white_balance_apply', {
      inputs: inputFieldsOf('white_balance_apply', body),
      webhookUrl: body.webhook_url,
      params: { method: body.method, intensity: body.intensity, ...(neutralPoint ? { neutral_x: body.neutral_x, neutral_y: body.neutral_y } : {}) },
      responseFormat: body.response_format,
    });
  }
}
