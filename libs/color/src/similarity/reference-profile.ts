import { imageToRgbFloat } from '../image/image-float';
import { proxyOf } from '../image/proxy-of';
import { assertImage, type RgbImage } from '../image/rgb-image';
import { srgbToLab, srgbToLabBuffer } from '../space/convert-buffer';
import { xyToCct } from '../space/cct';
import { SRGB_TO_XYZ, xyzToXy } from '../space/xyz';
import { dominantPalette } from '../stats/palette';
import { mat3Apply } from '../util/mat3';
import { estimateIlluminant } from '../wb/illuminant-estimate';

/** Bins of each CIELAB marginal histogram: L* over 0–100, a* and b* over ±AB_RANGE. */
export const PROFILE_BINS = 32;
/** Quantiles kept per channel, at k / (PROFILE_QUANTILES + 1): the ranking compares distributions through them. */
export const PROFILE_QUANTILES = 15;
export const AB_RANGE = 80;
export const PROFILE_VERSION = 1;

/**
 * What the library keeps of an image to rank it against a shot, computed once (at upload)
 * on a ≤ 512 px proxy: small enough to store as JSON and to compare 5,000 of in well
 * under a millisecond each. CIELAB marginal histograms (each sums to 1), mean and spread,
 * exposure (L* percentiles), the white point's correlated colour temperature, a warmth
 * figure and the dominant palette.
 */
export interface ReferenceProfile {
  version: number;
  /** PROFILE_BINS each; L* bins of 100 / PROFILE_BINS, a* and b* bins of 2·AB_RANGE / PROFILE_BINS; values outside are clamped into the end bins. */
  hist: { l: number[]; a: number[]; b: number[] };
  /** PROFILE_QUANTILES quantiles of L*, a*, b* (exact, from the pixels), ascending. */
  quantiles: { l: number[]; a: number[]; b: number[] };
  meanLab: [number, number, number];
  stdLab: [number, number, number];
  /** L* at the 5th, 50th and 95th percentile (from the histogram). */
  exposure: { p5: number; p50: number; p95: number };
  /** The estimated illuminant's CCT (K) and its mired value (1e6 / K: differences in mired are perceptually even). */
  whiteCctKelvin: number;
  whiteMired: number;
  /** Mean b* plus a quarter of mean a*: yellow/red positive, blue negative (the sort=warmth key). */
  warmth: number;
  /** Up to 5 dominant colours (CIELAB) with the share of pixels nearest to each. */
  palette: { lab: [number, number, number]; f: number }[];
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

function binOf(value: number, lo: number, hi: number): number {
  const t = Math.floor(((value - lo) / (hi - lo)) * PROFILE_BINS);
  return t < 0 ? 0 : t >= PROFILE_BINS ? PROFILE_BINS - 1 : t;
}

/** The L* value below which `q` of the histogram's mass lies (linear within a bin). */
function histogramQuantile(hist: number[], q: number, lo: number, hi: number): number {
  const width = (hi - lo) / hist.length;
  let acc = 0;
  for (let i = 0; i < hist.length; i++) {
    if (acc + hist[i] >= q && hist[i] > 0) return lo + width * (i + (q - acc) / hist[i]);
    acc += hist[i];
  }
  return hi;
}

/** PROFILE_QUANTILES quantiles of one channel of interleaved Lab (sorted copy: a 512² proxy is 262k values). */
function channelQuantiles(lab: Float32Array, channel: number): number[] {
  const n = lab.length / 3;
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = lab[i * 3 + channel];
  values.sort();
  return Array.from({ length: PROFILE_QUANTILES }, (_, k) => round(values[Math.min(n - 1, Math.floor(((k + 1) / (PROFILE_QUANTILES + 1)) * n))], 2));
}

export function referenceProfile(image: RgbImage, options: { proxySize?: number } = {}): ReferenceProfile {
  assertImage(image);
  const rgb = imageToRgbFloat(proxyOf(image, options.proxySize ?? 512));
  const lab = srgbToLabBuffer(rgb);
  const n = lab.length / 3;
  const hist = { l: new Array<number>(PROFILE_BINS).fill(0), a: new Array<number>(PROFILE_BINS).fill(0), b: new Array<number>(PROFILE_BINS).fill(0) };
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  for (let i = 0; i < lab.length; i += 3) {
    const L = lab[i];
    const a = lab[i + 1];
    const b = lab[i + 2];
    hist.l[binOf(L, 0, 100)]++;
    hist.a[binOf(a, -AB_RANGE, AB_RANGE)]++;
    hist.b[binOf(b, -AB_RANGE, AB_RANGE)]++;
    sum[0] += L;
    sum[1] += a;
    sum[2] += b;
    sq[0] += L * L;
    sq[1] += a * a;
    sq[2] += b * b;
  }
  for (const h of [hist.l, hist.a, hist.b]) for (let i = 0; i < h.length; i++) h[i] = round(h[i] / n, 5);
  const quantiles = { l: channelQuantiles(lab, 0), a: channelQuantiles(lab, 1), b: channelQuantiles(lab, 2) };
  const mean = sum.map((s) => s / n) as [number, number, number];
  const std = sq.map((s, c) => Math.sqrt(Math.max(0, s / n - mean[c] * mean[c]))) as [number, number, number];
  const illuminant = estimateIlluminant(rgb, { method: 'auto' });
  const [x, y] = xyzToXy(...mat3Apply(SRGB_TO_XYZ, illuminant.rgb));
  const { cct } = xyToCct(x, y);
  const palette = dominantPalette(rgb, { k: 5, seed: 42 }).map((c) => ({
    lab: srgbToLab(c.rgb[0] / 255, c.rgb[1] / 255, c.rgb[2] / 255).map((v) => round(v, 2)) as [number, number, number],
    f: round(c.fraction, 4),
  }));
  return {
    version: PROFILE_VERSION,
    hist,
    quantiles,
    meanLab: mean.map((v) => round(v, 2)) as [number, number, number],
    stdLab: std.map((v) => round(v, 2)) as [number, number, number],
    exposure: {
      p5: round(histogramQuantile(hist.l, 0.05, 0, 100), 2),
      p50: round(histogramQuantile(hist.l, 0.5, 0, 100), 2),
      p95: round(histogramQuantile(hist.l, 0.95, 0, 100), 2),
    },
    whiteCctKelvin: Math.round(cct),
    whiteMired: round(1e6 / cct, 2),
    warmth: round(mean[2] + 0.25 * mean[1], 2),
    palette,
  };
}
