import { RgbImage } from '../image/rgb-image';
import { linearToSrgb, srgbToLinear } from '../space/srgb';
import { createRng } from '../util/rng';

/**
 * Small synthetic images for unit tests (kept out of the build by the
 * test-support exclusion in tsconfig.build.json).
 */
export function solidImage(width: number, height: number, rgb: readonly number[], channels: 3 | 4 = 3): RgbImage {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    data.set(rgb.slice(0, 3), i * channels);
    if (channels === 4) data[i * 4 + 3] = 200;
  }
  return { width, height, channels, data };
}

/** A smooth, textured "scene": gradients in hue and lightness plus seeded noise. */
export function sceneImage(width: number, height: number, seed = 1, depth: 8 | 16 = 8, channels: 3 | 4 = 3): RgbImage {
  const rng = createRng(seed);
  const max = depth === 16 ? 65535 : 255;
  const data = depth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  const phase = rng() * 6;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const n = (rng() - 0.5) * 0.06;
      const r = 0.5 + 0.4 * Math.sin(6 * u + phase) * v + n;
      const g = 0.45 + 0.35 * Math.cos(4 * v + phase) * u + n;
      const b = 0.4 + 0.3 * Math.sin(5 * (u + v) + phase) + n;
      const p = (y * width + x) * channels;
      data[p] = Math.round(Math.min(1, Math.max(0, r)) * max);
      data[p + 1] = Math.round(Math.min(1, Math.max(0, g)) * max);
      data[p + 2] = Math.round(Math.min(1, Math.max(0, b)) * max);
      if (channels === 4) data[p + 3] = (x * 7 + y) % (max + 1);
    }
  }
  return { width, height, channels, data };
}

/** Multiply linear RGB by `gains` (a von Kries cast, as a coloured light would give). */
export function castImage(image: RgbImage, gains: readonly number[]): RgbImage {
  const max = image.data instanceof Uint16Array ? 65535 : 255;
  const out = image.data.slice();
  for (let i = 0; i < out.length; i += image.channels) {
    for (let c = 0; c < 3; c++) {
      const lin = srgbToLinear(image.data[i + c] / max) * gains[c];
      out[i + c] = Math.round(Math.min(1, linearToSrgb(lin)) * max);
    }
  }
  return { ...image, data: out };
}

/** An image of packed float RGB triples (0..1) with the given geometry. */
export function imageFromFloat(rgb: Float32Array, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(Math.min(1, Math.max(0, rgb[i])) * 255);
  return { width, height, channels: 3, data };
}
