import { Injectable } from '@nestjs/common';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { MatchEngine } from './match-engine.service';

/**
 * `match` (1 credit): the target graded to the reference (see MatchEngine), with
 * the colour gap before and after so the improvement shows in numbers.
 */
@Injectable()
@TaskHandler()
export class MatchHandler implements OperationHandler<'match'> {
  readonly op = 'match' as const;

  constructor(private readonly engine: MatchEngine) {}

  async run(ctx: HandlerContext<'match'>): Promise<HandlerOutcome<'match'>> {
    const [referenceBytes, targetBytes] = await Promise.all([ctx.loadInput('reference'), ctx.loadInput('target')]);
    // The reference's proxy decodes beside the target's decodes (matchOne awaits it).
    const reference = this.engine.reference(ctx.task.userId, referenceBytes);
    reference.catch(() => undefined); // reported through matchOne; never left unhandled
    const [, outcome] = await Promise.all([ctx.reportProgress(15), this.engine.matchOne(ctx.storage, ctx.task, reference, targetBytes, ctx.task.params)]);
    return outcome;
  }
}
