import { Injectable } from '@nestjs/common';
import { LutOutputService } from '../../output/lut-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { ExampleLutService } from './example-lut.service';

/**
 * `lut_export_before_after` (2 credits, pro+): the LUT that turns `before` into
 * `after`, as a .cube, with how well it fits (RMS error in 8-bit codes) and how
 * much of the colour cube the pair covered (the rest is filled smoothly).
 */
@Injectable()
@TaskHandler()
export class LutExportBeforeAfterHandler implements OperationHandler<'lut_export_before_after'> {
  readonly op = 'lut_export_before_after' as const;

  constructor(
    private readonly luts: ExampleLutService,
    private readonly output: LutOutputService,
  ) {}

  async run(ctx: HandlerContext<'lut_export_before_after'>): Promise<HandlerOutcome<'lut_export_before_after'>> {
    const { size } = ctx.task.params;
    const fitted = await this.luts.fromPair(await ctx.loadInput('before'), await ctx.loadInput('after'), size);
    const { result, history } = await this.output.store(ctx.storage, ctx.task, fitted.lut, `gradekit-before-after-${size}.cube`, `Gradekit before/after (${size}^3)`);
    return { result: { ...result, fit: fitted.source }, history };
  }
}
