import { mat3Inverse } from '../util/mat3';

/**
 * Linear sRGB (BT.709 primaries) ↔ CIE XYZ, D65 white, Y of white = 1.
 * Derived from the primaries' chromaticities (0.64,0.33) (0.30,0.60)
 * (0.15,0.06) and D65 = (0.3127, 0.3290); the inverse is computed rather than
 * copied so the pair round-trips exactly.
 */
export const SRGB_TO_XYZ: readonly number[] = Object.freeze(primariesToXyz());
export const XYZ_TO_SRGB: readonly number[] = Object.freeze(mat3Inverse(SRGB_TO_XYZ));

/** D65 white in XYZ (Y = 1), i.e. the row sums of SRGB_TO_XYZ. */
export const D65_XYZ: readonly [number, number, number] = Object.freeze([
  SRGB_TO_XYZ[0] + SRGB_TO_XYZ[1] + SRGB_TO_XYZ[2],
  1,
  SRGB_TO_XYZ[6] + SRGB_TO_XYZ[7] + SRGB_TO_XYZ[8],
]) as readonly [number, number, number];

/** Rec. 709 / sRGB relative-luminance weights (the Y row). */
export const LUMA_R = 0.2126;
export const LUMA_G = 0.7152;
export const LUMA_B = 0.0722;

export function xyToXyz(x: number, y: number, Y = 1): [number, number, number] {
  return [(x * Y) / y, Y, ((1 - x - y) * Y) / y];
}

export function xyzToXy(X: number, Y: number, Z: number): [number, number] {
  const s = X + Y + Z;
  return s > 0 ? [X / s, Y / s] : [0.3127, 0.329];
}

function primariesToXyz(): number[] {
  const prim = [
    [0.64, 0.33],
    [0.3, 0.6],
    [0.15, 0.06],
  ];
  const cols = prim.map(([x, y]) => xyToXyz(x, y));
  const p = [cols[0][0], cols[1][0], cols[2][0], cols[0][1], cols[1][1], cols[2][1], cols[0][2], cols[1][2], cols[2][2]];
  const w = xyToXyz(0.3127, 0.329);
  const inv = mat3Inverse(p);
  const s = [
    inv[0] * w[0] + inv[1] * w[1] + inv[2] * w[2],
    inv[3] * w[0] + inv[4] * w[1] + inv[5] * w[2],
    inv[6] * w[0] + inv[7] * w[1] + inv[8] * w[2],
  ];
  return [p[0] * s[0], p[1] * s[1], p[2] * s[2], p[3] * s[0], p[4] * s[1], p[5] * s[2], p[6] * s[0], p[7] * s[1], p[8] * s[2]];
}
