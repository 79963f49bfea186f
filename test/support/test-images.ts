import sharp from 'sharp';

/**
 * Test images made on the fly (so the api's own tests, which must not import a media
 * library, still send real, decodable files): a solid colour in a given format.
 */
export function solidImage(width: number, height: number, rgb: { r: number; g: number; b: number }, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: rgb } });
  return (format === 'png' ? image.png() : image.jpeg()).toBuffer();
}

/** Width, height and format of an image file, read from its header. */
export async function imageInfo(bytes: Buffer): Promise<{ width: number; height: number; format: string }> {
  const meta = await sharp(bytes).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0, format: String(meta.format) };
}
