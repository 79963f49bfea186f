import { Injectable } from '@nestjs/common';
import { isDomainError, type BatchItemResult, type MatchBatchResult } from '@gradekit/contracts';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { MatchEngine } from './match-engine.service';

/**
 * `match_batch` (1 credit per target): one reference, many targets, one job. A
 * target that cannot be graded (corrupt, unsupported, too large) fails alone: its
 * item carries the error and its credit is refunded with the result. Anything else
 * (storage or database trouble) fails the job, so BullMQ retries the whole batch —
 * outputs are keyed by task and index, so a retry overwrites, never duplicates.
 * When every target fails, the first error fails the task (full refund).
 */
@Injectable()
@TaskHandler()
export class MatchBatchHandler implements OperationHandler<'match_batch'> {
  readonly op = 'match_batch' as const;

  constructor(private readonly engine: MatchEngine) {}

  async run(ctx: HandlerContext<'match_batch'>): Promise<HandlerOutcome<'match_batch'>> {
    const { count } = ctx.task.params;
    const settings = ctx.task.params;
    const reference = await this.engine.reference(ctx.task.userId, await ctx.loadInput('reference'));
    const items: BatchItemResult[] = [];
    let firstError: unknown;
    let history: HandlerOutcome['history'] = null;
    for (let index = 0; index < count; index++) {
      const targetKey = ctx.task.inputs[`target:${index}`] ?? '';
      try {
        const bytes = await ctx.loadInput(`target:${index}`);
        const done = await this.engine.matchOne(ctx.storage, ctx.task, reference, bytes, settings, `${ctx.task.id}-${index}`);
        items.push({ index, status: 'completed', target_key: targetKey, ...done.result });
        // History shows the batch by its first graded image.
        history ??= { ...done.history, inputKeys: ctx.task.inputs };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        firstError ??= error;
        items.push({ index, status: 'failed', target_key: targetKey, error: { code: error.code, message: error.message } });
      }
      await ctx.reportProgress(5 + (90 * (index + 1)) / count);
    }
    const failed = items.filter((item) => item.status === 'failed').length;
    if (failed === count) throw firstError;
    const result: MatchBatchResult = { items, succeeded: count - failed, failed, credits_refunded: failed };
    return { result, history, refundCredits: failed };
  }
}
