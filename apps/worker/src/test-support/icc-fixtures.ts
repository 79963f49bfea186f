import sharp from 'sharp';

/** A profile built into libvips (`srgb`, `p3`), byte for byte as sharp embeds it. */
export async function libvipsProfile(name: 'srgb' | 'p3'): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).withIccProfile(name).png().toBuffer();
  const icc = (await sharp(png).metadata()).icc;
  if (!icc) throw new Error(`libvips embedded no ${name} profile`);
  return icc;
}

/** An image file's pixels as stored, read without any colour conversion (16-bit kept). */
export async function storedPixels(file: Buffer, sixteen: boolean): Promise<number[]> {
  const raw = await sharp(file, { ignoreIcc: true })
    .toColourspace(sixteen ? 'rgb16' : 'srgb')
    .raw({ depth: sixteen ? 'ushort' : 'uchar' })
    .toBuffer();
  return Array.from(sixteen ? new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2) : raw);
}
