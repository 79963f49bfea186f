/**
 * A 3D colour lookup table: `size`³ output RGB triples on a regular grid over
 * [domainMin, domainMax]³. Storage order is the `.cube` order that Resolve and
 * ffmpeg expect — RED varies fastest, then green, then blue:
 *   data[3 · (r + size · (g + size · b)) + channel]
 * Inputs and outputs are display-referred sRGB-encoded values (0..1).
 */
export interface Lut3D {
  size: number;
  data: Float32Array;
  domainMin: [number, number, number];
  domainMax: [number, number, number];
  title?: string;
}

/** The sizes offered by GET /lut/sizes; any size in [MIN_LUT_SIZE, MAX_LUT_SIZE] is accepted. */
export const LUT_SIZES: readonly number[] = Object.freeze([17, 33, 65]);
export const DEFAULT_LUT_SIZE = 33;
export const MIN_LUT_SIZE = 2;
export const MAX_LUT_SIZE = 129;

export interface LutSizeInfo {
  size: number;
  entries: number;
  /** What the size is for, one line. */
  description: string;
}

export function listLutSizes(): LutSizeInfo[] {
  const text: Record<number, string> = {
    17: 'fast preview quality; smallest file',
    33: 'default: the industry standard, visually lossless for most grades',
    65: 'highest quality for strong or very nonlinear grades',
  };
  return LUT_SIZES.map((size) => ({ size, entries: size ** 3, description: text[size] }));
}

export function assertLutSize(size: number): void {
  if (!Number.isInteger(size) || size < MIN_LUT_SIZE || size > MAX_LUT_SIZE) {
    throw new RangeError(`LUT size must be an integer in ${MIN_LUT_SIZE}..${MAX_LUT_SIZE} (got ${size})`);
  }
}

export function assertLut(lut: Lut3D): void {
  assertLutSize(lut.size);
  if (!(lut.data instanceof Float32Array) || lut.data.length !== lut.size ** 3 * 3) {
    throw new RangeError(`LUT data must be a Float32Array of ${lut.size ** 3 * 3} values`);
  }
  for (let c = 0; c < 3; c++) {
    if (!(lut.domainMax[c] > lut.domainMin[c])) throw new RangeError('LUT domain: DOMAIN_MAX must exceed DOMAIN_MIN');
  }
}

/** The identity LUT: every node holds its own input coordinate. */
export function identityLut(size = DEFAULT_LUT_SIZE, title?: string): Lut3D {
  assertLutSize(size);
  return { size, data: latticePoints(size), domainMin: [0, 0, 0], domainMax: [1, 1, 1], ...(title ? { title } : {}) };
}

/** The grid's input coordinates in storage order (red fastest), 0..1. */
export function latticePoints(size: number, min: readonly number[] = [0, 0, 0], max: readonly number[] = [1, 1, 1]): Float32Array {
  const out = new Float32Array(size * size * size * 3);
  const step = [0, 1, 2].map((c) => (max[c] - min[c]) / (size - 1));
  let i = 0;
  for (let b = 0; b < size; b++) {
    for (let g = 0; g < size; g++) {
      for (let r = 0; r < size; r++) {
        out[i++] = min[0] + r * step[0];
        out[i++] = min[1] + g * step[1];
        out[i++] = min[2] + b * step[2];
      }
    }
  }
  return out;
}
