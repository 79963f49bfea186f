import { Injectable } from '@nestjs/common';
import { applyMultiMatch, colorGapBetween, colorGapProfile, matchMulti, resolveMatchParams } from '@gradekit/color';
import { DomainError } from '@gradekit/contracts';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { GAP_OPTIONS, colorGapReport } from './color-gap.mapper';
import { toEngineMatchParams, toPublicMatchParams } from './match-params.mapper';

/**
 * `match_multi` (1 credit): the target matched to 2–4 references at once. The fit
 * runs on proxies; colour-only modes apply one LUT, `gradient` blends one LUT per
 * reference across the frame. The colour gap is reported against each reference.
 */
@Injectable()
@TaskHandler()
export class MatchMultiHandler implements OperationHandler<'match_multi'> {
  readonly op = 'match_multi' as const;

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
  ) {}

  async run(ctx: HandlerContext<'match_multi'>): Promise<HandlerOutcome<'match_multi'>> {
    const p = ctx.task.params;
    const { count } = p;
    const targetBytes = await ctx.loadInput('target');
    const target = (await this.decoder.decodeProxy(targetBytes, ANALYSIS_PROXY_SIDE)).proxy;
    const references = await Promise.all(
      Array.from({ length: count }, async (_, i) => (await this.decoder.decodeProxy(await ctx.loadInput(`reference:${i}`), ANALYSIS_PROXY_SIDE)).proxy),
    );
    await ctx.reportProgress(20);
    let multi: ReturnType<typeof matchMulti>;
    try {
      multi = matchMulti(target, references, {
        method: p.method,
        params: toEngineMatchParams(p.params),
        blendMode: p.blend_mode,
        weights: p.weights ?? undefined,
        transitionWidth: p.transition_width,
        angle: p.angle,
        intensity: p.intensity,
      });
    } catch (error) {
      if (error instanceof RangeError) throw DomainError.validation(error.message, [{ message: error.message }]);
      throw error;
    }
    await ctx.reportProgress(50);
    const full = await this.decoder.decodeFull(targetBytes);
    const graded = applyMultiMatch(full.image, multi);
    const after = applyMultiMatch(target, multi);
    const storing = this.output.store(ctx.storage, ctx.task, graded, full.source.format, ctx.task.id, after);
    storing.catch(() => undefined); // awaited below, after the gaps measured while it encodes
    const [before, afterProfile] = [colorGapProfile(target, GAP_OPTIONS), colorGapProfile(after, GAP_OPTIONS)];
    const gaps = references.map((reference, index) => {
      const profile = colorGapProfile(reference, GAP_OPTIONS);
      return { reference_index: index, ...colorGapReport(colorGapBetween(before, profile), colorGapBetween(afterProfile, profile)) };
    });
    const { result, history } = await storing;
    return {
      result: {
        ...result,
        method: p.method,
        blend_mode: multi.blendMode,
        intensity: p.intensity,
        ...(multi.gradient ? { gradient: { angle: multi.gradient.angle, transition_width: multi.gradient.transitionWidth, weights: multi.gradient.weights } } : {}),
        params: toPublicMatchParams(resolveMatchParams(p.method, toEngineMatchParams(p.params))),
        color_gaps: gaps,
      },
      history,
    };
  }
}
