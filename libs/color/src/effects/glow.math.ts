import { gaussianBlur, gaussianBlurMix } from './blur.math';
import { srgbToLinear } from '../space/srgb';

/**
 * Highlight extraction shared by halation and bloom, on LINEAR planes: the
 * share of a pixel's light above a threshold, with a soft knee so that no
 * edge appears where the threshold is crossed:
 *   m(Y) = smoothstep(t − κ, t + κ, Y) · (Y − t + κ)₊ / (1 − t + κ),
 * where t is the threshold (given sRGB-encoded, applied in linear light) and
 * κ = 0.1·(1 − t) the knee half-width. m is 0 below the knee and rises to 1
 * at Y = 1.
 */
export function highlightMask(Y: Float32Array, thresholdEncoded: number): Float32Array {
  const t = srgbToLinear(thresholdEncoded);
  const knee = 0.1 * (1 - t) + 1e-4;
  const lo = t - knee;
  const span = 2 * knee;
  const denom = 1 - lo;
  const out = new Float32Array(Y.length);
  for (let i = 0; i < Y.length; i++) {
    const y = Y[i];
    if (y <= lo) continue;
    const u = (y - lo) / span;
    const s = u >= 1 ? 1 : u * u * (3 - 2 * u);
    out[i] = (s * (y - lo)) / denom;
  }
  return out;
}

/** σ in pixels of a radius given as a fraction of the image diagonal. */
export function sigmaPixels(radius: number, width: number, height: number): number {
  return radius * Math.hypot(width, height);
}

/** Gaussian blur with σ in pixels (see blur.math.ts), and a weighted mix of several. */
export const blurPlane = gaussianBlur;
export const blurMix = gaussianBlurMix;
