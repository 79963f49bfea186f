import { Injectable } from '@nestjs/common';
import { MatchEngine } from '../match/match-engine.service';
import { toPublicMatchParams } from '../match/match-params.mapper';
import { LutOutputService } from '../../output/lut-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';

/**
 * `lut_export_match` (2 credits, pro+): the LUT /match would apply, as a .cube —
 * the same fit and the same bake, so applying the file to the target anywhere
 * (ffmpeg's lut3d, Resolve) reproduces the /match image.
 */
@Injectable()
@TaskHandler()
export class LutExportMatchHandler implements OperationHandler<'lut_export_match'> {
  readonly op = 'lut_export_match' as const;

  constructor(
    private readonly engine: MatchEngine,
    private readonly luts: LutOutputService,
  ) {}

  async run(ctx: HandlerContext<'lut_export_match'>): Promise<HandlerOutcome<'lut_export_match'>> {
    const [referenceBytes, targetBytes] = await Promise.all([ctx.loadInput('reference'), ctx.loadInput('target')]);
    const { proxy: reference } = await this.engine.reference(ctx.task.userId, referenceBytes);
    const { size } = ctx.task.params;
    const { match } = await this.engine.fit(reference, targetBytes, ctx.task.params, size);
    await ctx.reportProgress(70);
    const { result, history } = await this.luts.store(ctx.storage, ctx.task, match.lut, `gradekit-match-${match.method}-${size}.cube`, `Gradekit match (${match.method}, ${size}^3)`);
    return { result: { ...result, method: match.method, params: toPublicMatchParams(match.params) }, history };
  }
}
