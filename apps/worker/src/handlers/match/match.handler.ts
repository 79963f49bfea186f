import { Injectable } from '@nestjs/common';
import type { HandlerContext, HandlerOutcome, OperationHandler } from '../operation-handler';
import { MatchEngine, matchSettingsOf } from './match-engine.service';

/**
 * `match` (1 credit): the target graded to the reference (see MatchEngine), with
 * the colour gap before and after so the improvement shows in numbers.
 */
@Injectable()
export class MatchHandler implements OperationHandler<'match'> {
  readonly op = 'match' as const;

  constructor(private readonly engine: MatchEngine) {}

  async run(ctx: HandlerContext<'match'>): Promise<HandlerOutcome> {
    const [referenceBytes, targetBytes] = await Promise.all([ctx.loadInput('reference'), ctx.loadInput('target')]);
    // The reference's proxy decodes beside the target's decodes (matchOne awaits it).
    const reference = this.engine.reference(ctx.task.userId, referenceBytes);
    reference.catch(() => undefined); // reported through matchOne; never left unhandled
    const [, outcome] = await Promise.all([ctx.reportProgress(15), this.engine.matchOne(ctx.storage, ctx.task, reference, targetBytes, matchSettingsOf(ctx.task))]);
    return outcome;
  }
}
