import { linearToSrgbFast } from '../space/srgb';
import { D65_XYZ, XYZ_TO_SRGB } from '../space/xyz';

const M = XYZ_TO_SRGB;
const TOL = 1e-6;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;
const XW = D65_XYZ[0];
const ZW = D65_XYZ[2];

/**
 * CIELAB → sRGB-encoded with chroma-reducing gamut mapping at constant L* and
 * hue (bisection on a chroma scale, to 1/256). Keeping L* exact is what lets
 * a match promise that the target's lightness structure is preserved. Writes
 * into out[o..o+2]. Allocation-free: it runs once per LUT node.
 */
export function labToSrgbGamut(L: number, a: number, b: number, out: Float32Array, o: number): void {
  const l = L < 0 ? 0 : L > 100 ? 100 : L;
  const fy = (l + 16) / 116;
  const Y = l > KAPPA * EPS ? fy * fy * fy : l / KAPPA;
  if (!toRgb(fy, Y, a, b, 1)) {
    let lo = 0;
    let hi = 1;
    for (let it = 0; it < 8; it++) {
      const mid = (lo + hi) / 2;
      if (toRgb(fy, Y, a, b, mid)) lo = mid;
      else hi = mid;
    }
    toRgb(fy, Y, a, b, lo);
  }
  out[o] = linearToSrgbFast(R > 0 ? (R < 1 ? R : 1) : 0);
  out[o + 1] = linearToSrgbFast(G > 0 ? (G < 1 ? G : 1) : 0);
  out[o + 2] = linearToSrgbFast(B > 0 ? (B < 1 ? B : 1) : 0);
}

// Scratch result of toRgb (module-level so the hot loop allocates nothing).
let R = 0;
let G = 0;
let B = 0;

/** Linear RGB of (L*, k·a*, k·b*) into R, G, B; true when inside the cube. */
function toRgb(fy: number, Y: number, a: number, b: number, k: number): boolean {
  const fx = fy + (a * k) / 500;
  const fz = fy - (b * k) / 200;
  const fx3 = fx * fx * fx;
  const fz3 = fz * fz * fz;
  const X = (fx3 > EPS ? fx3 : (116 * fx - 16) / KAPPA) * XW;
  const Z = (fz3 > EPS ? fz3 : (116 * fz - 16) / KAPPA) * ZW;
  R = M[0] * X + M[1] * Y + M[2] * Z;
  G = M[3] * X + M[4] * Y + M[5] * Z;
  B = M[6] * X + M[7] * Y + M[8] * Z;
  return R >= -TOL && R <= 1 + TOL && G >= -TOL && G <= 1 + TOL && B >= -TOL && B <= 1 + TOL;
}
