import { BitDepth, RgbImage } from './rgb-image';

/**
 * Conversions between an RgbImage and a packed float buffer of RGB triples
 * (n × 3, sRGB-encoded, 0..1). Fits and statistics work on such buffers of the
 * proxy; alpha is dropped here and re-attached by the apply step.
 */
export function imageToRgbFloat(image: RgbImage, out?: Float32Array): Float32Array {
  const { data, channels } = image;
  const n = image.width * image.height;
  const rgb = out ?? new Float32Array(n * 3);
  const scale = 1 / (data instanceof Uint16Array ? 65535 : 255);
  for (let i = 0, p = 0, q = 0; i < n; i++, p += channels, q += 3) {
    rgb[q] = data[p] * scale;
    rgb[q + 1] = data[p + 1] * scale;
    rgb[q + 2] = data[p + 2] * scale;
  }
  return rgb;
}

/** Quantise a float RGB buffer (clamped, rounded) into an image; alpha taken from `alphaFrom` when given. */
export function rgbFloatToImage(
  rgb: Float32Array,
  width: number,
  height: number,
  depth: BitDepth = 8,
  alphaFrom?: RgbImage,
): RgbImage {
  const channels = alphaFrom && alphaFrom.channels === 4 ? 4 : 3;
  const n = width * height;
  const max = depth === 16 ? 65535 : 255;
  const data = depth === 16 ? new Uint16Array(n * channels) : new Uint8Array(n * channels);
  for (let i = 0, p = 0, q = 0; i < n; i++, p += channels, q += 3) {
    for (let c = 0; c < 3; c++) {
      const v = rgb[q + c] * max + 0.5;
      data[p + c] = v <= 0 ? 0 : v >= max ? max : v;
    }
  }
  if (channels === 4 && alphaFrom) {
    const src = alphaFrom.data;
    const srcMax = src instanceof Uint16Array ? 65535 : 255;
    for (let i = 0; i < n; i++) data[i * 4 + 3] = srcMax === max ? src[i * 4 + 3] : Math.round((src[i * 4 + 3] * max) / srcMax);
  }
  return { width, height, channels, data };
}
