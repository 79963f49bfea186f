import { imageToRgbFloat } from '../image/image-float';
import { proxyOf } from '../image/proxy-of';
import { RgbImage } from '../image/rgb-image';
import { deltaE2000 } from '../space/delta-e';
import { dominantPalette } from '../stats/palette';
import { srgbToLab, srgbToLabBuffer } from '../space/convert-buffer';
import { slicedWasserstein } from './sliced-wasserstein';

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

/** How far apart two images' colours are — reported before/after each match. */
export function colorGap(a: RgbImage, b: RgbImage, proxySize = 512): ColorGap {
  const la = labSamples(a, proxySize);
  const lb = labSamples(b, proxySize);
  const ma = meanOf(la);
  const mb = meanOf(lb);
  const pa = dominantPalette(imageToRgbFloat(proxyOf(a, proxySize)), { k: 5 }).map((c) => ({ lab: srgbToLab(c.rgb[0] / 255, c.rgb[1] / 255, c.rgb[2] / 255), f: c.fraction }));
  const pb = dominantPalette(imageToRgbFloat(proxyOf(b, proxySize)), { k: 5 }).map((c) => ({ lab: srgbToLab(c.rgb[0] / 255, c.rgb[1] / 255, c.rgb[2] / 255), f: c.fraction }));
  const oneWay = (x: typeof pa, y: typeof pb): number =>
    x.reduce((s, c) => s + c.f * Math.min(...y.map((d) => deltaE2000(c.lab[0], c.lab[1], c.lab[2], d.lab[0], d.lab[1], d.lab[2]))), 0);
  return {
    w1Lab: slicedWasserstein(la, lb),
    meanDeltaE2000: deltaE2000(ma[0], ma[1], ma[2], mb[0], mb[1], mb[2]),
    paletteDeltaE2000: (oneWay(pa, pb) + oneWay(pb, pa)) / 2,
  };
}

function meanOf(p: Float32Array): [number, number, number] {
  const s = [0, 0, 0];
  for (let i = 0; i < p.length; i += 3) for (let c = 0; c < 3; c++) s[c] += p[i + c];
  const n = p.length / 3;
  return [s[0] / n, s[1] / n, s[2] / n];
}
