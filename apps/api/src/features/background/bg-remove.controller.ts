import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BgRemoveRequestDto, DomainError } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';

/** The request's fields that only make sense together, as 400 details (none: consistent). */
export function bgRemoveConflicts(body: BgRemoveRequestDto): { field: string; message: string }[] {
  const details: { field: string; message: string }[] = [];
  if (body.output !== 'composite') {
    if (body.background_color !== undefined) details.push({ field: 'background_color', message: 'only with output "composite"' });
    if (body.background_key !== undefined) details.push({ field: 'background_key', message: 'only with output "composite"' });
  } else if (body.background_color !== undefined && body.background_key !== undefined) {
    details.push({ field: 'background_key', message: 'give background_color or background_key, not both' });
  }
  if (body.padding > 0 && !body.crop_to_subject) details.push({ field: 'padding', message: 'only with crop_to_subject: true' });
  return details;
}

@ApiTags('Bg Remove')
@Controller('api/v1/bg-remove')
export class BgRemoveController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('apply')
  @HttpCode(200)
  @Operation('bg_remove_apply')
  @ApiOperation({
    summary: operationSummary('bg_remove_apply', 'Remove image background (GPU)'),
    description:
      'Runs a segmentation model of the worker\'s manifest (ISNet built in; on the GPU queue, CPU when no GPU is present) and returns the matte at the image\'s full ' +
      'resolution as a PNG or WebP with alpha (`cutout`), the matte alone (`mask`), or the subject over `background_color` / the `background_key` image scaled to ' +
      'cover (`composite`). `refine_edges` snaps the matte to the image\'s edges with a guided filter; `crop_to_subject` crops to the subject\'s box plus `padding`. ' +
      'The result reports the subject box, the foreground fraction and the time of each stage. 16-bit inputs come back as 8-bit.',
  })
  @ApiOkResponse({
    description: '`{ task_id, result: { key, url, width, height, format, has_alpha, output, model, refine_edges, subject_box, crop, foreground_fraction, timings_ms }, … }`',
  })
  apply(@Body() body: BgRemoveRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const conflicts = bgRemoveConflicts(body);
    if (conflicts.length) throw DomainError.validation('Conflicting background removal options', conflicts);
    return this.runner.run(req, res, 'bg_remove_apply', {
      inputs: inputFieldsOf('bg_remove_apply', body, body.background_key !== undefined ? ['image', 'background'] : ['image']),
      webhookUrl: body.webhook_url,
      params: {
        output: body.output,
        format: body.format,
        refine_edges: body.refine_edges,
        crop_to_subject: body.crop_to_subject,
        padding: body.padding,
        ...(body.background_color !== undefined ? { background_color: body.background_color } : {}),
        ...(body.model !== undefined ? { model: body.model } : {}),
      },
      responseFormat: body.response_format,
    });
  }
}
