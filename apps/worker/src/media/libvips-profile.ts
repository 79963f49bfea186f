import sharp from 'sharp';

/** A profile built into libvips (`srgb`, `p3`), byte for byte as sharp embeds it for `withIccProfile(name)`. */
export async function libvipsProfile(name: 'srgb' | 'p3'): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).withIccProfile(name).png().toBuffer();
  const icc = (await sharp(png).metadata()).icc;
  if (!icc) throw new Error(`libvips embedded no ${name} profile`);
  return icc;
}
