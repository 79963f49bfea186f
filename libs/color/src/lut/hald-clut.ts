import { RgbImage, assertImage } from '../image/rgb-image';
import { resizeLut } from './lut-compose';
import { Lut3D, assertLut } from './lut3d';

/**
 * Hald CLUT images (Eskil Steenberg's format, read by ImageMagick, G'MIC,
 * RawTherapee, darktable): a level-L Hald is an L³ × L³ image holding an
 * L²-sized 3D LUT, pixels in row-major order with red fastest — the same
 * order as `.cube`, so pixel i is LUT entry i.
 */
export function lutToHald(lut: Lut3D, level?: number, depth: 8 | 16 = 16): RgbImage {
  assertLut(lut);
  const L = level ?? (Number.isInteger(Math.sqrt(lut.size)) ? Math.sqrt(lut.size) : 8);
  if (!Number.isInteger(L) || L < 2 || L > 11) throw new RangeError(`Hald level must be an integer in 2..11 (got ${L})`);
  const src = lut.size === L * L ? lut : resizeLut(lut, L * L);
  const side = L * L * L;
  const max = depth === 16 ? 65535 : 255;
  const data = depth === 16 ? new Uint16Array(side * side * 3) : new Uint8Array(side * side * 3);
  for (let i = 0; i < data.length; i++) {
    const v = Math.round(src.data[i] * max);
    data[i] = v < 0 ? 0 : v > max ? max : v;
  }
  return { width: side, height: side, channels: 3, data };
}

export function haldToLut(image: RgbImage, title?: string): Lut3D {
  assertImage(image);
  const L = Math.round(Math.cbrt(image.width));
  if (image.width !== image.height || L * L * L !== image.width || L < 2) {
    throw new RangeError(`not a Hald CLUT: expected a square image of side level³ (got ${image.width}×${image.height})`);
  }
  const size = L * L;
  const n = size ** 3;
  const max = image.data instanceof Uint16Array ? 65535 : 255;
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) data[i * 3 + c] = image.data[i * image.channels + c] / max;
  }
  return { size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1], ...(title ? { title } : {}) };
}
