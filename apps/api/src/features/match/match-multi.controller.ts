import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, MatchMultiRequestDto, type ErrorDetail } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { operationSummary } from '../../operations/operation-route';
import { Operation } from '../../operations/operation.decorator';
import { OperationRunner } from '../../operations/operation-runner.service';

@ApiTags('Color Matching')
@Controller('api/v1')
export class MatchMultiController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('match/multi')
  @HttpCode(200)
  @Operation('match_multi')
  @ApiOperation({
    summary: operationSummary('match_multi', 'Multi-reference color matching'),
    description:
      'Matches the target to 2–4 references combined by `blend_mode` (GET /api/v1/match/multi/modes). `weights` must have one entry per reference. ' +
      'Colour-only modes are baked into one LUT; `gradient` blends one LUT per reference spatially across the frame. ' +
      'The result reports, for each reference, the colour gap before and after.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, blend_mode, method, color_gaps: [{ reference_index, before, after, w1_reduction_percent }] }, … }`' })
  matchMulti(@Body() body: MatchMultiRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const inline = body.references ?? [];
    const keys = body.reference_keys ?? [];
    if ((inline.length > 0) === (keys.length > 0)) {
      throw DomainError.validation('Provide exactly one of reference_keys or references', [
        { field: 'reference_keys', message: '2–4 storage keys (preferred)' },
        { field: 'references', message: '2–4 base64 images or URLs (deprecated)' },
      ]);
    }
    const count = Math.max(inline.length, keys.length);
    const problems: ErrorDetail[] = [];
    if (body.weights && body.weights.length !== count) problems.push({ field: 'weights', message: `must have ${count} entries, one per reference (got ${body.weights.length})` });
    if (body.blend_mode === 'weighted' && !body.weights) problems.push({ field: 'weights', message: 'required for blend_mode weighted' });
    if (body.weights && body.weights.every((w) => w === 0)) problems.push({ field: 'weights', message: 'must not all be 0' });
    if (problems.length) throw DomainError.validation('Invalid weights', problems);
    return this.runner.run(req, res, 'match_multi', {
      inputs: inputFieldsOf('match_multi', body),
      webhookUrl: body.webhook_url,
      params: {
        method: body.method,
        blend_mode: body.blend_mode,
        // uniform counts every reference equally: weights, if sent, are not used (GET /match/multi/modes).
        weights: body.blend_mode === 'uniform' ? null : (body.weights ?? null),
        transition_width: body.transition_width,
        angle: body.angle,
        intensity: body.intensity,
        params: { ...(body.params ?? {}) },
        count,
      },
      responseFormat: body.response_format,
    });
  }
}
