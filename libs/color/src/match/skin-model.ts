/**
 * A skin-colour model measured on the image itself (the skin of its detected faces),
 * for preserve_skin_tones: one ellipsoid per face in Oklab (the space the match
 * modifiers work in), the weight of a colour falling off with its Mahalanobis distance
 * to the nearest ellipsoid. The caller samples the pixels (the worker knows where the
 * faces are); this file only fits and evaluates.
 */

/** One face's skin: the mean Oklab colour and the inverse of its (regularised) covariance, row-major 3×3. */
export interface SkinEllipse {
  mean: [number, number, number];
  inverseCovariance: number[];
  /** Samples kept by the robust fit. */
  samples: number;
}

export interface SkinModel {
  ellipses: SkinEllipse[];
}

/** Mahalanobis radius up to which a colour counts fully as this skin, and where its weight reaches 0. */
export const SKIN_FULL_RADIUS = 2;
export const SKIN_ZERO_RADIUS = 4;

/** Fewest samples a fit needs (a face a few pixels wide gives no usable statistics). */
export const SKIN_MIN_SAMPLES = 24;

/**
 * Standard-deviation floors (Oklab units): a flat-lit face is nearly one colour, and a
 * degenerate ellipsoid would protect nothing but that exact colour. Lightness is also
 * widened (×1.5): the sampled cheeks see less light variation than the whole face,
 * neck and hands (shadow and highlight change L far more than hue).
 */
const MIN_STD = [0.04, 0.012, 0.012] as const;
const L_SPREAD = 1.5;
/** χ² (3 degrees of freedom) at 97.5 %: samples beyond it (eyebrow, hair, a specular spot) are outliers. */
const OUTLIER_D2 = 9.35;
const ROBUST_PASSES = 2;

/**
 * A robust ellipsoid fit of Oklab triples (L, a, b interleaved): mean and covariance,
 * refitted twice without the samples beyond the 97.5 % χ² radius, then regularised.
 * Null when there are fewer than SKIN_MIN_SAMPLES samples.
 */
export function fitSkinEllipse(oklab: ArrayLike<number>): SkinEllipse | null {
  const n = Math.floor(oklab.length / 3);
  if (n < SKIN_MIN_SAMPLES) return null;
  let keep = new Uint8Array(n).fill(1);
  let fit = moments(oklab, keep);
  for (let pass = 0; pass < ROBUST_PASSES && fit; pass++) {
    const inv = invert3(regularised(fit.cov));
    if (!inv) break;
    const next = new Uint8Array(n);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (mahalanobis2(inv, fit.mean, oklab[3 * i], oklab[3 * i + 1], oklab[3 * i + 2]) <= OUTLIER_D2) {
        next[i] = 1;
        kept++;
      }
    }
    if (kept < SKIN_MIN_SAMPLES) break;
    keep = next;
    fit = moments(oklab, keep);
  }
  if (!fit) return null;
  const inverse = invert3(regularised(fit.cov));
  if (!inverse) return null;
  return { mean: fit.mean, inverseCovariance: inverse, samples: fit.count };
}

/**
 * How much a colour belongs to the model's skin, 0–1: 1 within SKIN_FULL_RADIUS of an
 * ellipsoid, easing to 0 at SKIN_ZERO_RADIUS (smoothstep), the largest over the faces.
 */
export function skinModelWeight(model: SkinModel, L: number, a: number, b: number): number {
  let best = 0;
  const r0 = SKIN_FULL_RADIUS * SKIN_FULL_RADIUS;
  const r1 = SKIN_ZERO_RADIUS * SKIN_ZERO_RADIUS;
  for (const e of model.ellipses) {
    const d2 = mahalanobis2(e.inverseCovariance, e.mean, L, a, b);
    if (d2 >= r1) continue;
    if (d2 <= r0) return 1;
    const t = (Math.sqrt(d2) - SKIN_FULL_RADIUS) / (SKIN_ZERO_RADIUS - SKIN_FULL_RADIUS);
    const w = 1 - t * t * (3 - 2 * t);
    if (w > best) best = w;
  }
  return best;
}

export function mahalanobis2(inv: ArrayLike<number>, mean: ArrayLike<number>, L: number, a: number, b: number): number {
  const x = L - mean[0];
  const y = a - mean[1];
  const z = b - mean[2];
  return x * (inv[0] * x + inv[1] * y + inv[2] * z) + y * (inv[3] * x + inv[4] * y + inv[5] * z) + z * (inv[6] * x + inv[7] * y + inv[8] * z);
}

function moments(v: ArrayLike<number>, keep: Uint8Array): { mean: [number, number, number]; cov: number[]; count: number } | null {
  let count = 0;
  const m = [0, 0, 0];
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    count++;
    for (let c = 0; c < 3; c++) m[c] += v[3 * i + c];
  }
  if (count < 2) return null;
  for (let c = 0; c < 3; c++) m[c] /= count;
  const cov = new Array<number>(9).fill(0);
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const d = [v[3 * i] - m[0], v[3 * i + 1] - m[1], v[3 * i + 2] - m[2]];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) cov[3 * r + c] += d[r] * d[c];
  }
  for (let k = 0; k < 9; k++) cov[k] /= count - 1;
  return { mean: [m[0], m[1], m[2]], cov, count };
}

/** The covariance with L widened and each axis' variance floored (correlations kept). */
function regularised(cov: number[]): number[] {
  const out = [...cov];
  const scale = [L_SPREAD, 1, 1];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[3 * r + c] *= scale[r] * scale[c];
  // A small ridge on top of the floor keeps perfectly correlated samples invertible.
  for (let k = 0; k < 3; k++) out[4 * k] = Math.max(out[4 * k], MIN_STD[k] * MIN_STD[k]) + 0.1 * MIN_STD[k] * MIN_STD[k];
  return out;
}

/** The inverse of a 3×3 row-major matrix, or null when it is singular. */
export function invert3(m: ArrayLike<number>): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = [m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-30) return null;
  const s = 1 / det;
  return [A * s, -(b * i - c * h) * s, (b * f - c * e) * s, B * s, (a * i - c * g) * s, -(a * f - c * d) * s, C * s, -(a * h - b * g) * s, (a * e - b * d) * s];
}
