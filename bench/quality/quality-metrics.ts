import {
  RgbImage,
  imageToRgbFloat,
  srgbToLabBuffer,
  slicedWasserstein,
  labHistogramDistance,
  gradientCorrelation,
  ssim,
  selectPercentiles,
} from '@gradekit/color';

export interface QualityFigures {
  /** Sliced W1 in CIELAB to the reference (ΔE76 units; lower = closer). */
  w1: number;
  /** Hellinger distance of joint Lab histograms to the reference (0..1; lower = closer). */
  hist: number;
  /** Gradient correlation of L* with the target's (1 = structure kept). */
  gradCorr: number;
  /** SSIM of L* with the target's. */
  ssim: number;
  /** Local gain: p99.5 of the map's ΔE out / ΔE in over smooth neighbouring pixels. */
  gain: number;
  /**
   * Banding index: along straight colour ramps between pairs of the target's
   * own colours (200 seeded ramps, 64 steps each), the map's largest step
   * over its median step; reported at the 90th percentile over ramps. Any
   * linear map scores exactly 1 (however strong or anisotropic); a smooth
   * curve a little more; a curve with steep runs — histogram-matching spikes,
   * which turn smooth gradients into visible bands — scores high.
   */
  banding: number;
}

export function lightness(lab: Float32Array): Float32Array {
  const L = new Float32Array(lab.length / 3);
  for (let i = 0; i < L.length; i++) L[i] = lab[i * 3];
  return L;
}

/**
 * Figures of one result. `out` is the 8-bit result image (what a user gets);
 * `outFloat` the same map evaluated in float on the target's pixels (for the
 * banding index, which must not see the 8-bit rounding).
 */
export function qualityFigures(
  target: RgbImage,
  reference: RgbImage,
  out: RgbImage,
  outFloat: Float32Array,
  map: (rgb: Float32Array) => void,
): QualityFigures {
  const labT = srgbToLabBuffer(imageToRgbFloat(target));
  const labR = srgbToLabBuffer(imageToRgbFloat(reference));
  const labO = srgbToLabBuffer(imageToRgbFloat(out));
  const LT = lightness(labT);
  const LO = lightness(labO);
  return {
    w1: slicedWasserstein(labO, labR),
    hist: labHistogramDistance(labO, labR),
    gradCorr: gradientCorrelation(LO, LT, target.width, target.height),
    ssim: ssim(LO, LT, target.width, target.height, 100),
    gain: localGain(labT, srgbToLabBuffer(outFloat), target.width, target.height),
    banding: rampBanding(imageToRgbFloat(target), map),
  };
}

/**
 * Local gain of a colour map over smooth areas: for horizontally and
 * vertically adjacent pixels whose input colours differ by 0.5–3 ΔE76, the
 * ratio of output to input difference, at the 99.5th percentile.
 */
export function localGain(labIn: Float32Array, labOut: Float32Array, w: number, h: number): number {
  const gains: number[] = [];
  const visit = (i: number, j: number): void => {
    const din = Math.hypot(labIn[i] - labIn[j], labIn[i + 1] - labIn[j + 1], labIn[i + 2] - labIn[j + 2]);
    if (din < 0.5 || din > 3) return;
    gains.push(Math.hypot(labOut[i] - labOut[j], labOut[i + 1] - labOut[j + 1], labOut[i + 2] - labOut[j + 2]) / din);
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      if (x + 1 < w) visit(i, i + 3);
      if (y + 1 < h) visit(i, i + 3 * w);
    }
  }
  if (gains.length === 0) return 1;
  return selectPercentiles(Float64Array.from(gains), [99.5])[0];
}

export function rampBanding(rgb: Float32Array, map: (rgb: Float32Array) => void, ramps = 200, steps = 64): number {
  const n = rgb.length / 3;
  let seed = 12345;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const pts = new Float32Array(ramps * (steps + 1) * 3);
  for (let r = 0; r < ramps; r++) {
    const i = Math.floor(rand() * n) * 3;
    const j = Math.floor(rand() * n) * 3;
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      for (let c = 0; c < 3; c++) pts[(r * (steps + 1) + k) * 3 + c] = rgb[i + c] + t * (rgb[j + c] - rgb[i + c]);
    }
  }
  const out = pts.slice();
  map(out);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, out[i]));
  const labIn = srgbToLabBuffer(pts);
  const labOut = srgbToLabBuffer(out);
  const ratios: number[] = [];
  for (let r = 0; r < ramps; r++) {
    const g: number[] = [];
    for (let k = 0; k < steps; k++) {
      const a = (r * (steps + 1) + k) * 3;
      const b = a + 3;
      const din = Math.hypot(labIn[a] - labIn[b], labIn[a + 1] - labIn[b + 1], labIn[a + 2] - labIn[b + 2]);
      if (din < 1e-6) continue;
      g.push(Math.hypot(labOut[a] - labOut[b], labOut[a + 1] - labOut[b + 1], labOut[a + 2] - labOut[b + 2]) / din);
    }
    if (g.length < steps / 2) continue; // ramp too short to judge
    const sorted = g.sort((x, y) => x - y);
    const med = sorted[Math.floor(sorted.length / 2)];
    if (med < 0.05) continue; // the map crushes this ramp flat: nothing to band
    ratios.push(sorted[sorted.length - 1] / med);
  }
  if (ratios.length === 0) return 1;
  return selectPercentiles(Float64Array.from(ratios), [90])[0];
}
