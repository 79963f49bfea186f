import { linearToSrgbFast, srgbToLinearFast } from '../space/srgb';
import { LUMA_B, LUMA_G, LUMA_R } from '../space/xyz';
import { selectOrderStatistics } from './percentile';

/**
 * Luminance statistics. "Luminance" is relative luminance Y (linear light,
 * Rec. 709 weights); where a 0–255 figure is reported it is Y re-encoded with
 * the sRGB curve, i.e. the grey level of equal luminance — the scale a
 * histogram in a photo editor uses.
 */
export interface LuminanceStats {
  /** Mean of the encoded luminance, 0–255. */
  mean: number;
  /** Median of the encoded luminance, 0–255. */
  median: number;
  /** log2(log-average Y / 0.18): 0 = averages to middle grey, +1 = one stop over. */
  exposureEv: number;
  /** RMS contrast: std of encoded luminance on 0–1. */
  rmsContrast: number;
  /** % of pixels whose every channel is ≤ the shadow clip code (crushed blacks). */
  clippedShadowsPercent: number;
  /** % of pixels with at least one channel ≥ the highlight clip code (blown channel). */
  clippedHighlightsPercent: number;
  /** log2(Y_p99 / Y_p1), with Y floored at the luminance of code 0.5/255. */
  dynamicRangeEv: number;
  /** Luminance percentiles p1…p99 on the encoded 0–255 scale. */
  percentiles: { p1: number; p5: number; p25: number; p50: number; p75: number; p95: number; p99: number };
}

export interface LuminanceOptions {
  /** Code value (0–255 scale) at or below which all channels count as crushed. Default 2. */
  shadowClip?: number;
  /** Code value (0–255 scale) at or above which a channel counts as blown. Default 253. */
  highlightClip?: number;
}

const MIDDLE_GREY = 0.18;

/** Relative luminance of each packed sRGB-encoded triple. */
export function luminanceOf(rgb: Float32Array): Float32Array {
  const n = rgb.length / 3;
  const Y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    Y[i] = LUMA_R * srgbToLinearFast(rgb[i * 3]) + LUMA_G * srgbToLinearFast(rgb[i * 3 + 1]) + LUMA_B * srgbToLinearFast(rgb[i * 3 + 2]);
  }
  return Y;
}

export function luminanceStats(rgb: Float32Array, options: LuminanceOptions = {}): LuminanceStats {
  const Y = luminanceOf(rgb);
  return luminanceStatsOf(rgb, Y, encodedLuminance(Y), options);
}

/** Each luminance re-encoded with the sRGB curve (the grey level of equal luminance, 0–1). */
export function encodedLuminance(Y: Float32Array): Float32Array {
  const enc = new Float32Array(Y.length);
  for (let i = 0; i < Y.length; i++) enc[i] = linearToSrgbFast(Y[i]);
  return enc;
}

/** luminanceStats from the luminances and their encoded values already at hand (analyzeImage computes both once). */
export function luminanceStatsOf(rgb: Float32Array, Y: Float32Array, enc: Float32Array, options: LuminanceOptions = {}): LuminanceStats {
  const shadow = (options.shadowClip ?? 2) / 255;
  const highlight = (options.highlightClip ?? 253) / 255;
  const n = rgb.length / 3;
  let sum = 0;
  let logSum = 0;
  let product = 1;
  let crushed = 0;
  let blown = 0;
  const floor = linFloor();
  for (let i = 0; i < n; i++) {
    const e = enc[i];
    sum += e;
    // Σ ln Y as the ln of products of 32 values (≥ floor³² ≈ 1e-123, no
    // underflow): one logarithm per 32 pixels instead of one per pixel.
    const y = Y[i];
    product *= y > floor ? y : floor;
    if ((i & 31) === 31) {
      logSum += log(product);
      product = 1;
    }
    const r = rgb[i * 3];
    const g = rgb[i * 3 + 1];
    const b = rgb[i * 3 + 2];
    if (r <= shadow && g <= shadow && b <= shadow) crushed++;
    if (r >= highlight || g >= highlight || b >= highlight) blown++;
  }
  logSum += log(product);
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (enc[i] - mean) * (enc[i] - mean);
  // One selection on Y serves both: the encoding is monotone, so the order
  // statistics of the encoded luminances are the encoded order statistics of Y.
  const hs = [1, 5, 25, 50, 75, 95, 99].map((p) => ((n - 1) * p) / 100);
  const ranks: number[] = [];
  for (const h of hs) ranks.push(Math.floor(h), Math.min(n - 1, Math.floor(h) + 1));
  const order = selectOrderStatistics(Y, ranks);
  const f32 = new Float32Array(order.map((y) => linearToSrgbFast(y)));
  const interpolate = (v: ArrayLike<number>, k: number): number => v[2 * k] + (hs[k] - Math.floor(hs[k])) * (v[2 * k + 1] - v[2 * k]);
  const [p1, p5, p25, p50, p75, p95, p99] = hs.map((_, k) => interpolate(f32, k) * 255);
  const yp1 = interpolate(order, 0);
  const yp99 = interpolate(order, 6);
  const y1 = Math.max(yp1, floor);
  const y99 = Math.max(yp99, floor);
  return {
    mean: mean * 255,
    median: p50,
    exposureEv: Math.log2(Math.exp(logSum / n) / MIDDLE_GREY),
    rmsContrast: Math.sqrt(ss / n),
    clippedShadowsPercent: (100 * crushed) / n,
    clippedHighlightsPercent: (100 * blown) / n,
    dynamicRangeEv: Math.log2(y99 / y1),
    percentiles: { p1, p5, p25, p50, p75, p95, p99 },
  };
}

const log = Math.log; // module alias: no global lookup in hot loops (slow inside vm contexts such as jest's)

let floorValue = 0;
function linFloor(): number {
  if (!floorValue) floorValue = 0.5 / 255 / 12.92;
  return floorValue;
}
