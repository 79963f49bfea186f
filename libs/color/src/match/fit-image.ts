import { imageToRgbFloat } from '../image/image-float';
import { proxyOf } from '../image/proxy-of';
import { RgbImage } from '../image/rgb-image';
import { srgbToLabBuffer } from '../space/convert-buffer';

/**
 * What a match fit sees of an image: its proxy's pixels as packed sRGB floats
 * (0..1), with the geometry when known (the structure-aware fits look at the
 * target's edges; they fall back to no structure term without it).
 */
export interface FitImage {
  rgb: Float32Array;
  width?: number;
  height?: number;
}

export function fitImageOf(image: RgbImage, proxySize = 512): FitImage {
  const p = proxyOf(image, proxySize);
  return { rgb: imageToRgbFloat(p), width: p.width, height: p.height };
}

/** Statistics use at most this many pixels (a fixed-stride subsample of the proxy). */
export const FIT_SAMPLES = 16384;

/** CIELAB of a fixed-stride subsample of at most `max` pixels. */
export function labSample(rgb: Float32Array, max = FIT_SAMPLES): Float32Array {
  const n = rgb.length / 3;
  if (n <= max) return srgbToLabBuffer(rgb);
  const out = new Float32Array(max * 3);
  for (let k = 0; k < max; k++) {
    const i = Math.floor((k * n) / max) * 3;
    out[k * 3] = rgb[i];
    out[k * 3 + 1] = rgb[i + 1];
    out[k * 3 + 2] = rgb[i + 2];
  }
  return srgbToLabBuffer(out, out);
}

/** CIELAB of the pixels at the given indices (e.g. the two ends of edge pairs). */
export function labAt(rgb: Float32Array, indices: Int32Array): Float32Array {
  const out = new Float32Array(indices.length * 3);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] * 3;
    out[k * 3] = rgb[i];
    out[k * 3 + 1] = rgb[i + 1];
    out[k * 3 + 2] = rgb[i + 2];
  }
  return srgbToLabBuffer(out, out);
}
