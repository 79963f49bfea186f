import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, MAX_BATCH_TARGETS, MatchBatchRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { operationSummary } from '../../operations/operation-route';
import { Operation } from '../../operations/operation.decorator';
import { OperationRunner } from '../../operations/operation-runner.service';

@ApiTags('Color Matching')
@Controller('api/v1')
export class MatchBatchController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('match/batch')
  @HttpCode(200)
  @Operation('match_batch')
  @ApiOperation({
    summary: operationSummary('match_batch', 'Batch image color matching'),
    description:
      `One reference, 1–${MAX_BATCH_TARGETS} targets (targets or target_keys), matched in one job with the same method and params. ` +
      'The result lists one item per target, in order: its graded image and colour gap, or the error that stopped it. ' +
      'Each target costs 1 credit; the credits of failed targets are refunded when the batch completes (credits_used says what was kept). ' +
      'If every target fails, the task fails and is refunded in full.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { items: [{ index, status, target_key, key, url, … | error }], succeeded, failed, credits_refunded }, … }`' })
  matchBatch(@Body() body: MatchBatchRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const inline = body.targets ?? [];
    const keys = body.target_keys ?? [];
    if ((inline.length > 0) === (keys.length > 0)) {
      throw DomainError.validation('Provide exactly one of target_keys or targets', [
        { field: 'target_keys', message: 'storage keys from POST /api/v1/storage/presign (preferred)' },
        { field: 'targets', message: 'base64 images (deprecated)' },
      ]);
    }
    const count = Math.max(inline.length, keys.length);
    return this.runner.run(req, res, 'match_batch', {
      inputs: inputFieldsOf('match_batch', body),
      webhookUrl: body.webhook_url,
      params: { method: body.method, params: { ...(body.params ?? {}) }, count },
      responseFormat: body.response_format,
      units: count,
    });
  }
}
