import { Mat3, mat3Apply, mat3Diag, mat3Inverse, mat3Mul } from '../util/mat3';
import { SRGB_TO_XYZ, XYZ_TO_SRGB } from './xyz';

/**
 * Von Kries-type chromatic adaptation in a sharpened cone space: Bradford
 * (Lam 1985, the ICC's choice) or CAT16 (Li et al. 2017, CIECAM16's). Both act
 * on XYZ (linear light), which is where white balance must happen.
 */
export type AdaptationMethod = 'bradford' | 'cat16';

export const BRADFORD: readonly number[] = Object.freeze([
  0.8951, 0.2664, -0.1614, -0.7502, 1.7135, 0.0367, 0.0389, -0.0685, 1.0296,
]);

export const CAT16: readonly number[] = Object.freeze([
  0.401288, 0.650173, -0.051461, -0.250268, 1.204414, 0.045854, -0.002079, 0.048952, 0.953127,
]);

/** XYZ → XYZ matrix taking colours seen under `srcWhite` to their appearance under `dstWhite`. */
export function adaptationMatrix(
  srcWhite: ArrayLike<number>,
  dstWhite: ArrayLike<number>,
  method: AdaptationMethod = 'bradford',
): Mat3 {
  const m = method === 'cat16' ? CAT16 : BRADFORD;
  const s = mat3Apply(m, srcWhite);
  const d = mat3Apply(m, dstWhite);
  return mat3Mul(mat3Inverse(m), mat3Mul(mat3Diag(d[0] / s[0], d[1] / s[1], d[2] / s[2]), m));
}

/**
 * The same adaptation expressed on linear sRGB: maps a linear-RGB colour that
 * should read as white (`srcWhiteRgb`) to `dstWhiteRgb` (neutral by default).
 */
export function linearRgbAdaptationMatrix(
  srcWhiteRgb: ArrayLike<number>,
  dstWhiteRgb: ArrayLike<number> = [1, 1, 1],
  method: AdaptationMethod = 'bradford',
): Mat3 {
  const srcXyz = mat3Apply(SRGB_TO_XYZ, srcWhiteRgb);
  const dstXyz = mat3Apply(SRGB_TO_XYZ, dstWhiteRgb);
  return mat3Mul(XYZ_TO_SRGB, mat3Mul(adaptationMatrix(srcXyz, dstXyz, method), SRGB_TO_XYZ));
}
