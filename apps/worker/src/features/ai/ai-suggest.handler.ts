import { Injectable } from '@nestjs/common';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { AiGradingService, aiGradeResult } from './ai-grading.service';
import { GradingAssistantService } from './grading-assistant.service';

/**
 * `ai_suggest` (2 credits): the image's statistics and the prompt → ColorGradeValues
 * (the remote model when configured, else the built-in assistant, starting from
 * neutral), applied to the full image as one LUT.
 */
@Injectable()
@TaskHandler()
export class AiSuggestHandler implements OperationHandler<'ai_suggest'> {
  readonly op = 'ai_suggest' as const;

  constructor(
    private readonly grading: AiGradingService,
    private readonly assistant: GradingAssistantService,
  ) {}

  async run(ctx: HandlerContext<'ai_suggest'>): Promise<HandlerOutcome<'ai_suggest'>> {
    const { prompt } = ctx.task.params;
    const bytes = await ctx.loadInput('image');
    const stats = await this.grading.statistics(bytes);
    await ctx.reportProgress(20);
    const answer = await this.assistant.answer({ prompt, stats, history: [] });
    await ctx.reportProgress(50);
    const { result, history } = await this.grading.render(ctx.storage, ctx.task, bytes, answer.values);
    return { result: aiGradeResult(result, prompt, answer, []), history };
  }
}
