import { fitImageOf } from '../match/fit-image';
import { RgbImage, assertImage } from '../image/rgb-image';
import { ColorTransform } from '../lut/color-transform';
import { bakeLut } from '../lut/lut-bake';
import { DEFAULT_LUT_SIZE, Lut3D } from '../lut/lut3d';
import { AdaptationMethod, linearRgbAdaptationMatrix } from '../space/chromatic-adaptation';
import { xyToCct } from '../space/cct';
import { linearToSrgbFast, srgbToLinearFast } from '../space/srgb';
import { LUMA_B, LUMA_G, LUMA_R, SRGB_TO_XYZ, xyzToXy } from '../space/xyz';
import { Mat3, mat3Apply } from '../util/mat3';
import { estimateIlluminant } from './illuminant-estimate';

/** The methods of POST /white-balance/apply. */
export type WhiteBalanceMethod = 'auto' | 'gray_world' | 'white_patch' | 'neutral_point';
export const WHITE_BALANCE_METHODS: readonly WhiteBalanceMethod[] = Object.freeze(['auto', 'gray_world', 'white_patch', 'neutral_point']);

export interface WhiteBalanceOptions {
  method?: WhiteBalanceMethod;
  /** 0 = no correction, 1 = full. Default 1. */
  intensity?: number;
  /** neutral_point: position of a neutral surface, 0–1 from the left / top. */
  neutralX?: number;
  neutralY?: number;
  /** neutral_point: neighbourhood radius as a fraction of the short side. Default 0.02. */
  radius?: number;
  /** white_patch: percentile of unclipped pixels taken as white. Default 99. */
  percentile?: number;
  /** Chromatic-adaptation transform. Default 'cat16'. */
  adaptation?: AdaptationMethod;
  lutSize?: number;
  proxySize?: number;
}

export interface WhiteBalanceResult {
  method: WhiteBalanceMethod;
  /** Estimated colour of white in the image (linear sRGB, Y = 1). */
  illuminant: [number, number, number];
  /** Its correlated colour temperature and Duv (what the correction removes). */
  cctKelvin: number;
  duv: number;
  confidence: number;
  /** Linear-light 3×3 matrix applied (row-major). */
  matrix: Mat3;
  transform: ColorTransform;
  lut: Lut3D;
}

/**
 * Estimate the scene illuminant on a proxy, then neutralise it by chromatic
 * adaptation in LINEAR light (never on gamma-encoded values): colours are
 * adapted from the estimated white to D65 with CAT16 (or Bradford), keeping
 * the white's luminance so exposure does not move. `intensity` adapts from a
 * partial white, the illuminant's chromaticity taken to that power (a
 * geometric blend in linear RGB).
 */
export function whiteBalance(image: RgbImage, options: WhiteBalanceOptions = {}): WhiteBalanceResult {
  assertImage(image);
  const method = options.method ?? 'auto';
  if (!WHITE_BALANCE_METHODS.includes(method)) throw new RangeError(`method must be one of ${WHITE_BALANCE_METHODS.join(', ')}`);
  const intensity = options.intensity ?? 1;
  if (!(intensity >= 0 && intensity <= 1)) throw new RangeError('intensity must be within 0..1');
  if (method === 'neutral_point' && (options.neutralX === undefined || options.neutralY === undefined)) {
    throw new RangeError('neutral_point needs neutral_x and neutral_y');
  }
  const fit = fitImageOf(image, options.proxySize ?? 512);
  const est = estimateIlluminant(fit.rgb, {
    method,
    width: fit.width,
    height: fit.height,
    x: options.neutralX,
    y: options.neutralY,
    radius: options.radius,
    percentile: options.percentile,
  });
  const matrix = whiteBalanceMatrix(est.rgb, intensity, options.adaptation ?? 'cat16');
  const transform = linearMatrixTransform(matrix);
  const [x, y] = xyzToXy(...mat3Apply(SRGB_TO_XYZ, est.rgb));
  const { cct, duv } = xyToCct(x, y);
  return {
    method,
    illuminant: est.rgb,
    cctKelvin: cct,
    duv,
    confidence: est.confidence,
    matrix,
    transform,
    lut: bakeLut(transform, options.lutSize ?? DEFAULT_LUT_SIZE, { title: `gradekit white balance (${method})` }),
  };
}

/** The linear-RGB matrix taking `illuminant` (partially, by intensity) to neutral at equal luminance. */
export function whiteBalanceMatrix(illuminant: readonly number[], intensity = 1, adaptation: AdaptationMethod = 'cat16'): Mat3 {
  const partial = illuminant.map((v) => Math.pow(Math.max(v, 1e-6), intensity));
  const Y = LUMA_R * partial[0] + LUMA_G * partial[1] + LUMA_B * partial[2];
  return linearRgbAdaptationMatrix(partial, [Y, Y, Y], adaptation);
}

/** A ColorTransform applying a 3×3 matrix to linear-light RGB (decode, multiply, encode). */
export function linearMatrixTransform(m: ArrayLike<number>): ColorTransform {
  return (rgb) => {
    for (let i = 0; i < rgb.length; i += 3) {
      const r = srgbToLinearFast(rgb[i]);
      const g = srgbToLinearFast(rgb[i + 1]);
      const b = srgbToLinearFast(rgb[i + 2]);
      rgb[i] = linearToSrgbFast(clampLin(m[0] * r + m[1] * g + m[2] * b));
      rgb[i + 1] = linearToSrgbFast(clampLin(m[3] * r + m[4] * g + m[5] * b));
      rgb[i + 2] = linearToSrgbFast(clampLin(m[6] * r + m[7] * g + m[8] * b));
    }
  };
}

function clampLin(v: number): number {
  return v > 0 ? (v < 1 ? v : 1) : 0;
}
