import { RgbImage, assertImage } from '../image/rgb-image';
import { ColorTransform } from '../lut/color-transform';
import { bakeLut } from '../lut/lut-bake';
import { Lut3D } from '../lut/lut3d';
import { FitImage, fitImageOf } from './fit-image';
import { fitBalanced } from './match-balanced';
import { fitDirect } from './match-direct';
import { withMatchModifiers } from './match-modifiers';
import { fitNatural } from './match-natural';
import { DEFAULT_MATCH_METHOD, MatchMethod, MatchParams, ResolvedMatchParams, resolveMatchParams } from './match-params';
import { fitSmooth } from './match-smooth';
import type { SkinModel } from './skin-model';

export interface MatchOptions {
  method?: MatchMethod;
  params?: MatchParams;
  /** Long side of the proxies the fit runs on (≤ 512). Default 512. */
  proxySize?: number;
  title?: string;
  /** The target's own skin (from its detected faces) for preserveSkinTones; the generic skin-hue region when absent. */
  skin?: SkinModel | null;
}

export interface MatchResult {
  method: MatchMethod;
  params: ResolvedMatchParams;
  /** The fitted colour transform (exact; what the LUT was baked from). */
  transform: ColorTransform;
  /** The transform baked at params.lutSize: apply with applyLut, export with writeCube. */
  lut: Lut3D;
}

/**
 * Match the colours of `target` to `reference`: fit on proxies (long side ≤
 * 512), bake a LUT. The caller applies the LUT to the full-resolution target
 * (and may export it as .cube: the same LUT gives the same image anywhere).
 */
export function matchColors(target: RgbImage, reference: RgbImage, options: MatchOptions = {}): MatchResult {
  assertImage(target);
  assertImage(reference);
  const size = Math.min(512, options.proxySize ?? 512);
  return matchFitImages(fitImageOf(target, size), fitImageOf(reference, size), options);
}

/** Same as matchColors, from the proxies' pixels (see FitImage). */
export function matchFitImages(src: FitImage, ref: FitImage, options: MatchOptions = {}): MatchResult {
  const method = options.method ?? DEFAULT_MATCH_METHOD;
  const params = resolveMatchParams(method, options.params);
  const transform = withMatchModifiers(fitMatchTransform(method, src, ref, params), params, options.skin);
  return { method, params, transform, lut: bakeLut(transform, params.lutSize, { title: options.title ?? `gradekit match (${method})` }) };
}

/** The method's own transform, before the shared modifiers. */
export function fitMatchTransform(method: MatchMethod, src: FitImage, ref: FitImage, params: ResolvedMatchParams): ColorTransform {
  switch (method) {
    case 'direct':
      return fitDirect(src, ref, { seed: params.seed });
    case 'natural':
      return fitNatural(src, ref);
    case 'smooth':
      return fitSmooth(src, ref, { seed: params.seed });
    case 'balanced':
      return fitBalanced(src, ref, { seed: params.seed });
  }
}
