import sharp from 'sharp';

/** An image file's pixels as stored, read without any colour conversion (16-bit kept). */
export async function storedPixels(file: Buffer, sixteen: boolean): Promise<number[]> {
  const raw = await sharp(file, { ignoreIcc: true })
    .toColourspace(sixteen ? 'rgb16' : 'srgb')
    .raw({ depth: sixteen ? 'ushort' : 'uchar' })
    .toBuffer();
  return Array.from(sixteen ? new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2) : raw);
}
