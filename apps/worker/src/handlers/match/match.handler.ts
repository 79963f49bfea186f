import { Injectable } from '@nestjs/common';
import { applyLut, colorGap, matchColors, type MatchMethod } from '@gradekit/color';
import { DomainError, type MatchImageResult } from '@gradekit/contracts';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import type { HandlerContext, HandlerOutcome, OperationHandler } from '../operation-handler';
import { colorGapReport } from './color-gap.mapper';
import { toEngineMatchParams, toPublicMatchParams } from './match-params.mapper';

/**
 * `match` (1 credit): fits the target's colours to the reference's on ≤ 512 px
 * proxies, bakes the fit into a 3D LUT, and applies that LUT to the full-resolution
 * target in one tetrahedral pass. Reports the colour gap to the reference before
 * and after (measured on the proxies) so the improvement is visible in numbers.
 */
@Injectable()
export class MatchHandler implements OperationHandler<'match'> {
  readonly op = 'match' as const;

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
  ) {}

  async run(ctx: HandlerContext<'match'>): Promise<HandlerOutcome> {
    const [referenceBytes, targetBytes] = await Promise.all([ctx.loadInput('reference'), ctx.loadInput('target')]);
    const [reference, target] = await Promise.all([this.decoder.decodeProxy(referenceBytes, ANALYSIS_PROXY_SIDE), this.decoder.decodeProxy(targetBytes, ANALYSIS_PROXY_SIDE)]);
    await ctx.reportProgress(15);

    const method = (ctx.task.params.method as MatchMethod | undefined) ?? 'natural';
    let match: ReturnType<typeof matchColors>;
    try {
      match = matchColors(target.proxy, reference.proxy, { method, params: toEngineMatchParams(ctx.task.params.params as Record<string, unknown>) });
    } catch (error) {
      if (error instanceof RangeError) throw DomainError.validation(error.message, [{ field: 'params', message: error.message }]);
      throw error;
    }
    await ctx.reportProgress(40);

    const full = await this.decoder.decodeFull(targetBytes);
    const graded = applyLut(full.image, match.lut);
    await ctx.reportProgress(75);

    const gap = colorGapReport(colorGap(target.proxy, reference.proxy), colorGap(applyLut(target.proxy, match.lut), reference.proxy));
    const { result, history } = await this.output.store(ctx.storage, ctx.task, graded, full.source.format);
    const body: MatchImageResult = { ...result, method: match.method, params: toPublicMatchParams(match.params), color_gap: gap };
    return { result: body, history };
  }
}
