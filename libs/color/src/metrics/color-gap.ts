import { imageToRgbFloat } from '../image/image-float';
import { proxyOf } from '../image/proxy-of';
import { RgbImage } from '../image/rgb-image';
import { deltaE2000 } from '../space/delta-e';
import { dominantPalette } from '../stats/palette';
import { srgbToLab, srgbToLabBuffer } from '../space/convert-buffer';
import { slicedDistance, slicedQuantiles, slicedWasserstein } from './sliced-wasserstein';

/** CIELAB samples of an image's proxy (long side ≤ `proxySize`). */
export function labSamples(image: RgbImage, proxySize = 512): Float32Array {
  return srgbToLabBuffer(imageToRgbFloat(proxyOf(image, proxySize)));
}

/** Sliced W1 in CIELAB (ΔE76 units) between two images' proxies. */
export function wassersteinLab(a: RgbImage, b: RgbImage, proxySize = 512): number {
  return slicedWasserstein(labSamples(a, proxySize), labSamples(b, proxySize));
}

export interface ColorGap {
  /** Sliced W1 between the CIELAB distributions (ΔE76 units). */
  w1Lab: number;
  /** ΔE2000 between the images' mean CIELAB colours. */
  meanDeltaE2000: number;
  /**
   * ΔE2000 between dominant palettes: each colour of `a`'s palette to its
   * nearest in `b`'s, weighted by its fraction (and symmetrically), averaged.
   */
  paletteDeltaE2000: number;
}

export interface ColorGapOptions {
  /** Long side of the proxies the gap is measured on. Default 512. */
  proxySize?: number;
  /** Points per image for the sliced W1 and pixels for the palette fit (all pixels count for the means and palette fractions). Default 16384. */
  maxSamples?: number;
}

/**
 * What the colour gap needs from one image, computed once: a match compares the
 * reference with the target before and after (and a batch with every target), so
 * the reference's share of the work is done once per job. Profiles are compared
 * with `colorGapBetween` and must come from the same options.
 */
export interface ColorGapProfile {
  readonly quantiles: Float64Array;
  readonly meanLab: readonly [number, number, number];
  readonly palette: ReadonlyArray<{ lab: [number, number, number]; f: number }>;
}

export function colorGapProfile(image: RgbImage, options: ColorGapOptions = {}): ColorGapProfile {
  const maxSamples = options.maxSamples ?? 16384;
  const rgb = imageToRgbFloat(proxyOf(image, options.proxySize ?? 512));
  const lab = srgbToLabBuffer(rgb);
  const palette = dominantPalette(rgb, { k: 5, maxSamples }).map((c) => ({ lab: srgbToLab(c.rgb[0] / 255, c.rgb[1] / 255, c.rgb[2] / 255), f: c.fraction }));
  return { quantiles: slicedQuantiles(lab, { maxSamples }), meanLab: meanOf(lab), palette };
}

export function colorGapBetween(a: ColorGapProfile, b: ColorGapProfile): ColorGap {
  const oneWay = (x: ColorGapProfile['palette'], y: ColorGapProfile['palette']): number =>
    x.reduce((s, c) => s + c.f * Math.min(...y.map((d) => deltaE2000(c.lab[0], c.lab[1], c.lab[2], d.lab[0], d.lab[1], d.lab[2]))), 0);
  const [ma, mb] = [a.meanLab, b.meanLab];
  return {
    w1Lab: slicedDistance(a.quantiles, b.quantiles),
    meanDeltaE2000: deltaE2000(ma[0], ma[1], ma[2], mb[0], mb[1], mb[2]),
    paletteDeltaE2000: (oneWay(a.palette, b.palette) + oneWay(b.palette, a.palette)) / 2,
  };
}

/** How far apart two images' colours are — reported before/after each match. `options` as a number is the proxy size. */
export function colorGap(a: RgbImage, b: RgbImage, options: number | ColorGapOptions = {}): ColorGap {
  const resolved = typeof options === 'number' ? { proxySize: options } : options;
  return colorGapBetween(colorGapProfile(a, resolved), colorGapProfile(b, resolved));
}

function meanOf(p: Float32Array): [number, number, number] {
  const s = [0, 0, 0];
  for (let i = 0; i < p.length; i += 3) for (let c = 0; c < 3; c++) s[c] += p[i + c];
  const n = p.length / 3;
  return [s[0] / n, s[1] / n, s[2] / n];
}
