import { ColorTransform } from './color-transform';
import { DEFAULT_LUT_SIZE, Lut3D, assertLutSize, latticePoints } from './lut3d';

export interface BakeOptions {
  title?: string;
  /** Clamp outputs to [0, 1] (display-referred; default true). */
  clamp?: boolean;
}

/**
 * Bake a colour transform into a LUT: evaluate it once at every grid node
 * (size³ points, one batched call) — the single place where a colour operation
 * turns into the object that the image apply, `.cube` export and ffmpeg share.
 */
export function bakeLut(transform: ColorTransform, size = DEFAULT_LUT_SIZE, options: BakeOptions = {}): Lut3D {
  assertLutSize(size);
  const data = latticePoints(size);
  transform(data);
  if (options.clamp ?? true) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      data[i] = v > 0 ? (v < 1 ? v : 1) : 0; // NaN → 0
    }
  }
  return { size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1], ...(options.title ? { title: options.title } : {}) };
}
