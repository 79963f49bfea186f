import { Injectable } from '@nestjs/common';
import { DomainError, gradeValuesFromSnake } from '@gradekit/contracts';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { AiGradingService, aiGradeResult } from './ai-grading.service';
import { GradingAssistantService } from './grading-assistant.service';

/**
 * `ai_refine` (2 credits): a follow-up relative to `current_values` and the
 * conversation. The ORIGINAL image is graded from scratch with the new values (the
 * last result, when sent, was only checked by the api), so nothing compounds: the
 * output is exactly what the returned values give on the original.
 */
@Injectable()
@TaskHandler()
export class AiRefineHandler implements OperationHandler<'ai_refine'> {
  readonly op = 'ai_refine' as const;

  constructor(
    private readonly grading: AiGradingService,
    private readonly assistant: GradingAssistantService,
  ) {}

  async run(ctx: HandlerContext<'ai_refine'>): Promise<HandlerOutcome<'ai_refine'>> {
    const { prompt, messages } = ctx.task.params;
    // The api validated them; a task row edited since (or an older api) must not grade garbage.
    const current = gradeValuesFromSnake(ctx.task.params.current_values, 'current_values');
    if (!current.ok) throw DomainError.validation('current_values is invalid', current.problems.map(({ field, message }) => ({ field, message })));
    const bytes = await ctx.loadInput('original');
    const stats = await this.grading.statistics(bytes);
    await ctx.reportProgress(20);
    const answer = await this.assistant.answer({ prompt, stats, current: current.value, history: messages });
    await ctx.reportProgress(50);
    const { result, history } = await this.grading.render(ctx.storage, ctx.task, bytes, answer.values);
    return { result: aiGradeResult(result, prompt, answer, messages), history };
  }
}
