import { hueDirection } from './color-stage.math';
import { fadeCoefficients } from './fade.math';
import { ColorGradeValues, GRADE_RANGES, neutralGradeValues } from './grade-values.model';
import { TINT_DUV_PER_UNIT } from './white-balance-shift.math';
import { imageToRgbFloat } from '../image/image-float';
import { proxyOf } from '../image/proxy-of';
import { RgbImage, assertImage } from '../image/rgb-image';
import { xyToCct } from '../space/cct';
import { linearSrgbToOklab } from '../space/oklab';
import { linearToSrgb, srgbToLinearFast } from '../space/srgb';
import { LUMA_B, LUMA_G, LUMA_R, SRGB_TO_XYZ, xyzToXy } from '../space/xyz';
import { selectPercentiles } from '../stats/percentile';
import { smoothstep } from '../util/clamp';
import { mat3Apply, mat3Inverse } from '../util/mat3';
import { estimateIlluminant } from '../wb/illuminant-estimate';

/**
 * What an ungraded, well-exposed photo typically measures (encoded luminance
 * percentiles, Oklab chroma): the reference that an example's statistics are
 * read against. Deliberately round numbers — this is a heuristic.
 */
export const UNGRADED_REFERENCE = Object.freeze({ p1: 0.03, p99: 0.97, spread: 0.72, meanChroma: 0.06 });

/**
 * /presets/custom/from-image: estimate ColorGradeValues that give an image the
 * "feel" of an example (already graded) image. A HEURISTIC, not an inverse
 * problem: one image cannot separate content from grade (a blue sky and a
 * blue grade look alike), so each control is read from one proxy statistic
 * (long side ≤ 512 px), damped, and clamped to a moderate range:
 *
 * - fade        from the black level: p1 of encoded luminance above 0.03 → fade = 0.7·(p1 − 0.03)/0.25·100, ≤ 50
 * - whites      from p99 below the faded white point (half weight)
 * - exposure    half of log2(median Y / 0.18) (low-key / high-key intent), ±1 EV
 * - contrast    from the p5–p95 spread of encoded luminance (fade removed) against 0.72:
 *               100·log2(spread/0.72), ±50
 * - temperature / tint  from the scene-white estimate (estimateIlluminant 'auto'):
 *               its CCT in mired minus D65's, its Duv minus D65's (0.8 weight)
 * - saturation  mean Oklab chroma of mid-tone pixels against 0.06; an image whose
 *               chroma barely varies (std of a, b < 0.012) is monochrome → −100
 * - split toning  least-squares fit, over the least chromatic 40 % of pixels, of their
 *               Oklab (a, b) against L as cast·L + T_sh·w_sh(L) + T_hi·w_hi(L) (the
 *               grade's own toning weights): T as an HSL hue and saturation |T|/0.08;
 *               offsets under 0.006 are ignored
 * HSL bands, curves and lift/gamma/gain stay neutral. Deterministic.
 */
export function extractPresetFromImage(image: RgbImage): ColorGradeValues {
  assertImage(image);
  const rgb = imageToRgbFloat(proxyOf(image, 512));
  const n = rgb.length / 3;
  const enc = new Float32Array(n);
  const Ls = new Float32Array(n);
  const As = new Float32Array(n);
  const Bs = new Float32Array(n);
  const Ylin = new Float32Array(n);
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const r = srgbToLinearFast(rgb[i * 3]);
    const g = srgbToLinearFast(rgb[i * 3 + 1]);
    const b = srgbToLinearFast(rgb[i * 3 + 2]);
    const Y = LUMA_R * r + LUMA_G * g + LUMA_B * b;
    Ylin[i] = Y;
    enc[i] = linearToSrgb(Y);
    const [L, A, B] = linearSrgbToOklab(r, g, b);
    Ls[i] = L;
    As[i] = A;
    Bs[i] = B;
    sa += A;
    sb += B;
    saa += A * A;
    sbb += B * B;
  }
  const meanA = sa / n;
  const meanB = sb / n;
  const abStd = Math.sqrt(Math.max(0, saa / n - meanA * meanA) + Math.max(0, sbb / n - meanB * meanB));
  const monochrome = abStd < 0.012;

  const v = neutralGradeValues();
  const [p1, p5, p95, p99] = selectPercentiles(enc, [1, 5, 95, 99]);
  const [yMed] = selectPercentiles(Ylin, [50]);

  // Tone.
  const fade = clampTo(0.7 * ((p1 - UNGRADED_REFERENCE.p1) / 0.25) * 100, 0, 50);
  const [fadeOffset, fadeScale] = fadeCoefficients(fade);
  const top = fadeOffset + UNGRADED_REFERENCE.p99 * fadeScale;
  v.fade = Math.round(fade);
  v.whites = Math.round(clampTo(0.5 * ((p99 - top) / 0.2) * 100, -50, 30));
  v.exposure = Math.round(clampTo(0.5 * Math.log2(Math.max(yMed, 1e-4) / 0.18), -1, 1) * 100) / 100;
  const spread = (p95 - p5) / fadeScale;
  v.contrast = Math.round(clampTo(100 * Math.log2(Math.max(spread, 0.05) / UNGRADED_REFERENCE.spread), -50, 50));

  // Colour balance (meaningless for a monochrome image: its tint is toning).
  if (!monochrome) {
    const white = estimateIlluminant(rgb, { method: 'auto' }).rgb;
    const { cct, duv } = xyToCct(...xyzToXy(...mat3Apply(SRGB_TO_XYZ, white)));
    const ref = xyToCct(0.3127, 0.329);
    v.temperature = Math.round(clampTo(0.8 * (1e6 / cct - 1e6 / ref.cct), -60, 60));
    v.tint = Math.round(clampTo((0.8 * -(duv - ref.duv)) / TINT_DUV_PER_UNIT, -60, 60));
  }

  // Saturation from mid-tone chroma.
  if (monochrome) {
    v.saturation = GRADE_RANGES.saturation[0];
  } else {
    let sc = 0;
    let cnt = 0;
    for (let i = 0; i < n; i++) {
      if (Ls[i] < 0.15 || Ls[i] > 0.95) continue;
      sc += Math.hypot(As[i], Bs[i]);
      cnt++;
    }
    const meanC = cnt > 0 ? sc / cnt : UNGRADED_REFERENCE.meanChroma;
    v.saturation = Math.round(clampTo(100 * (meanC / UNGRADED_REFERENCE.meanChroma - 1), -80, 60));
  }

  // Split toning, fitted on the near-neutrals (the least chromatic 40 %:
  // toning shows on them, while saturated pixels are mostly content colour).
  const C = new Float32Array(n);
  for (let i = 0; i < n; i++) C[i] = Math.hypot(As[i], Bs[i]);
  const [cThr] = selectPercentiles(C, [40]);
  const fit = fitToning(Ls, As, Bs, (i) => C[i] <= cThr && Ls[i] > 0.05);
  const shTone = toneOf(fit.shadow[0], fit.shadow[1]);
  const hiTone = toneOf(fit.highlight[0], fit.highlight[1]);
  v.splitToning = { shadowHue: shTone.hue, shadowSaturation: shTone.saturation, highlightHue: hiTone.hue, highlightSaturation: hiTone.saturation, balance: 0 };
  return v;
}

/**
 * Least-squares fit of the near-neutrals' Oklab (a, b) as a function of L to
 * the grade's own model: a plain cast is multiplicative in linear light, so it
 * grows ∝ L; split toning adds offsets with the shadow and highlight weights
 * of color-stage.math.ts (balance 0):
 *   (a, b)(L) ≈ cast·L + T_sh·w_sh(L) + T_hi·w_hi(L).
 * Solved per component from 3×3 normal equations with a small ridge term, so
 * an image whose near-neutrals cover too few tones to separate the terms
 * reads as untoned rather than as noise. Returns T_sh and T_hi.
 */
function fitToning(
  L: Float32Array,
  A: Float32Array,
  B: Float32Array,
  keep: (i: number) => boolean,
): { shadow: [number, number]; highlight: [number, number] } {
  const M = new Float64Array(9);
  const ya = new Float64Array(3);
  const yb = new Float64Array(3);
  let count = 0;
  for (let i = 0; i < L.length; i++) {
    if (!keep(i)) continue;
    const l = L[i];
    const env = smoothstep(0, 0.2, l) * (1 - smoothstep(0.9, 1, l));
    const wh = smoothstep(0.15, 0.85, l) * env;
    const phi = [l, env - wh, wh];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) M[r * 3 + c] += phi[r] * phi[c];
      ya[r] += phi[r] * A[i];
      yb[r] += phi[r] * B[i];
    }
    count++;
  }
  if (count < 10) return { shadow: [0, 0], highlight: [0, 0] };
  const ridge = 0.01 * count;
  M[4] += ridge;
  M[8] += ridge;
  const inv = mat3Inverse(Array.from(M));
  const sa = mat3Apply(inv, ya);
  const sb = mat3Apply(inv, yb);
  return { shadow: [sa[1], sb[1]], highlight: [sa[2], sb[2]] };
}

let directions: [number, number][] | null = null;

/** An Oklab (a, b) offset as split-toning hue (HSL degrees) and saturation (0..60). */
function toneOf(a: number, b: number): { hue: number; saturation: number } {
  const m = Math.hypot(a, b);
  if (m < 0.006) return { hue: 0, saturation: 0 };
  directions ??= Array.from({ length: 360 }, (_, h) => hueDirection(h));
  let best = 0;
  let bestDot = -Infinity;
  for (let h = 0; h < 360; h++) {
    const d = directions[h][0] * a + directions[h][1] * b;
    if (d > bestDot) {
      bestDot = d;
      best = h;
    }
  }
  return { hue: best, saturation: Math.round(clampTo((m / 0.08) * 100, 0, 60)) };
}

function clampTo(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
