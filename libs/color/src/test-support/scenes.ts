import { RgbImage } from '../image/rgb-image';
import { linearToSrgb } from '../space/srgb';
import { createRng } from '../util/rng';

/**
 * A scene built in linear light: reflectances × an illuminant's RGB, then
 * sRGB-encoded — the ground truth for white-balance tests. `dominant` is the
 * share of pixels covered by one coloured surface (e.g. grass).
 */
export function litScene(
  width: number,
  height: number,
  illuminant: readonly number[],
  options: { dominant?: number; dominantReflectance?: readonly number[]; greyShare?: number; seed?: number } = {},
): RgbImage {
  const rng = createRng(options.seed ?? 5);
  const dominant = options.dominant ?? 0;
  const greyShare = options.greyShare ?? 0.15;
  const refl = options.dominantReflectance ?? [0.12, 0.32, 0.06];
  const data = new Uint8Array(width * height * 3);
  const patch = 8;
  for (let by = 0; by < height; by += patch) {
    for (let bx = 0; bx < width; bx += patch) {
      const pick = rng();
      let base: number[];
      if (pick < dominant) base = refl.map((r) => r * (0.7 + 0.6 * rng()));
      else if (pick < dominant + greyShare) base = new Array(3).fill(0.15 + 0.6 * rng());
      else base = [0.05 + 0.6 * rng(), 0.05 + 0.6 * rng(), 0.05 + 0.6 * rng()];
      for (let y = by; y < Math.min(height, by + patch); y++) {
        for (let x = bx; x < Math.min(width, bx + patch); x++) {
          const shade = 0.85 + 0.3 * rng();
          for (let c = 0; c < 3; c++) {
            const v = linearToSrgb(Math.min(1, base[c] * shade * illuminant[c]));
            data[(y * width + x) * 3 + c] = Math.round(v * 255);
          }
        }
      }
    }
  }
  return { width, height, channels: 3, data };
}

/** Angle in degrees between two RGB vectors (the colour-constancy error measure). */
export function angularErrorDeg(a: readonly number[], b: readonly number[]): number {
  const dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const c = dot / (Math.hypot(a[0], a[1], a[2]) * Math.hypot(b[0], b[1], b[2]));
  return (Math.acos(Math.min(1, c)) * 180) / Math.PI;
}
