import sharp from 'sharp';
import { deltaE2000, srgbToLabBuffer } from '@gradekit/color';

/** 8-bit sRGB pixels of an image file (alpha dropped), for pixel-level comparisons. */
export async function rgbPixels(file: Buffer): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Mean ΔE2000 between two same-sized images, pixel by pixel. */
export async function meanDeltaE2000(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([rgbPixels(a), rgbPixels(b)]);
  if (pa.width !== pb.width || pa.height !== pb.height) throw new Error(`sizes differ: ${pa.width}×${pa.height} vs ${pb.width}×${pb.height}`);
  const toFloat = (data: Uint8Array) => Float32Array.from(data, (v) => v / 255);
  const la = srgbToLabBuffer(toFloat(pa.data));
  const lb = srgbToLabBuffer(toFloat(pb.data));
  let sum = 0;
  for (let i = 0; i < la.length; i += 3) sum += deltaE2000(la[i], la[i + 1], la[i + 2], lb[i], lb[i + 1], lb[i + 2]);
  return sum / (la.length / 3);
}
