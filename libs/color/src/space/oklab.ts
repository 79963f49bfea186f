import { mat3Inverse } from '../util/mat3';

/**
 * Oklab (Björn Ottosson, 2020): a perceptual space built for image processing —
 * hue stays constant along straight lines, which is why chroma transfer and
 * k-means run here. Matrices are Ottosson's published ones (the 2021 revision
 * for linear sRGB input). L is 0..1 for sRGB white = 1.
 */
/** Ottosson's linear sRGB → LMS and LMS′ → Oklab matrices (row-major). */
export const OKLAB_M1: readonly number[] = [
  0.4122214708, 0.5363325363, 0.0514459929, 0.2119034982, 0.6806995451, 0.1073969566, 0.0883024619, 0.2817188376,
  0.6299787005,
];
export const OKLAB_M2: readonly number[] = [
  0.2104542553, 0.793617785, -0.0040720468, 1.9779984951, -2.428592205, 0.4505937099, 0.0259040371, 0.7827717662,
  -0.808675766,
];
// Inverses computed rather than copied from the post (whose 10-digit inverses
// are only approximate), so Oklab round trips are exact to float precision.
const M1 = OKLAB_M1;
const M2 = OKLAB_M2;
const M1_INV = mat3Inverse(M1);
const M2_INV = mat3Inverse(M2);

export function linearSrgbToOklab(r: number, g: number, b: number): [number, number, number] {
  const l = Math.cbrt(M1[0] * r + M1[1] * g + M1[2] * b);
  const m = Math.cbrt(M1[3] * r + M1[4] * g + M1[5] * b);
  const s = Math.cbrt(M1[6] * r + M1[7] * g + M1[8] * b);
  return [M2[0] * l + M2[1] * m + M2[2] * s, M2[3] * l + M2[4] * m + M2[5] * s, M2[6] * l + M2[7] * m + M2[8] * s];
}

export function oklabToLinearSrgb(L: number, a: number, b: number): [number, number, number] {
  const l_ = M2_INV[0] * L + M2_INV[1] * a + M2_INV[2] * b;
  const m_ = M2_INV[3] * L + M2_INV[4] * a + M2_INV[5] * b;
  const s_ = M2_INV[6] * L + M2_INV[7] * a + M2_INV[8] * b;
  const l = l_ * l_ * l_;
  const m = m_ * m_ * m_;
  const s = s_ * s_ * s_;
  return [
    M1_INV[0] * l + M1_INV[1] * m + M1_INV[2] * s,
    M1_INV[3] * l + M1_INV[4] * m + M1_INV[5] * s,
    M1_INV[6] * l + M1_INV[7] * m + M1_INV[8] * s,
  ];
}

/** Ottosson's XYZ (D65) → Oklab, for checks against his published XYZ table. */
export function xyzToOklab(X: number, Y: number, Z: number): [number, number, number] {
  const l = Math.cbrt(0.8189330101 * X + 0.3618667424 * Y - 0.1288597137 * Z);
  const m = Math.cbrt(0.0329845436 * X + 0.9293118715 * Y + 0.0361456387 * Z);
  const s = Math.cbrt(0.0482003018 * X + 0.2643662691 * Y + 0.633851707 * Z);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** Oklab → Oklch: chroma and hue in degrees [0, 360). */
export function oklabToOklch(L: number, a: number, b: number): [number, number, number] {
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  return [L, Math.hypot(a, b), h < 0 ? h + 360 : h];
}

export function oklchToOklab(L: number, C: number, h: number): [number, number, number] {
  const r = (h * Math.PI) / 180;
  return [L, C * Math.cos(r), C * Math.sin(r)];
}
