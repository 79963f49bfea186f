import { adaptationMatrix } from '../space/chromatic-adaptation';
import { cctToXy, uvToXy, xyToUv } from '../space/cct';
import { D65_XYZ, SRGB_TO_XYZ, XYZ_TO_SRGB, xyToXyz } from '../space/xyz';
import { Mat3, mat3Mul } from '../util/mat3';

/** Mired (10⁶/K) of D65's correlated colour temperature, 6504 K. */
export const D65_MIRED = 1e6 / 6504;
/** Duv shift per unit of `tint` (tint +100 → −0.02 Duv, toward magenta). */
export const TINT_DUV_PER_UNIT = 2e-4;

/**
 * The linear-sRGB matrix of the grade's temperature / tint controls.
 *
 * The target white is D65 moved along the Planckian locus by `temperature`
 * MIREDS (mired = 10⁶/K: equal mired steps look like equal colour steps, which
 * is why the slider is linear in mired, not kelvin) and off the locus by
 * −tint × 0.0002 in Duv. It is built as a DIFFERENCE in CIE 1960 uv,
 *   uv' = uv(D65) + [uv(T') − uv(T_D65)] + [uv(T', Duv) − uv(T', 0)],
 * so zero controls give exactly D65. The image is then adapted from D65 to
 * that white with CAT16 in XYZ (von Kries in sharpened cone space): a grey
 * takes the target white's colour at unchanged luminance Y.
 * + temperature → lower CCT → warmer (R/B up); + tint → magenta.
 */
export function temperatureTintMatrix(temperature: number, tint: number): Mat3 {
  const T = 1e6 / Math.max(1, D65_MIRED + temperature);
  const uv65 = xyToUv(0.3127, 0.329);
  const locus = xyToUv(...cctToXy(T, 0));
  const locus65 = xyToUv(...cctToXy(6504, 0));
  const off = xyToUv(...cctToXy(T, -tint * TINT_DUV_PER_UNIT));
  const u = uv65[0] + (locus[0] - locus65[0]) + (off[0] - locus[0]);
  const v = uv65[1] + (locus[1] - locus65[1]) + (off[1] - locus[1]);
  const [x, y] = uvToXy(u, v);
  const dst = xyToXyz(x, y, 1);
  return mat3Mul(XYZ_TO_SRGB, mat3Mul(adaptationMatrix(D65_XYZ, dst, 'cat16'), SRGB_TO_XYZ));
}
