import * as path from 'node:path';
import sharp from 'sharp';
import { RgbImage } from '@gradekit/color';

/** The real photos shipped for tests and benches (test/fixtures/photos, from Debian's python3-skimage). */
export const PHOTO_DIR = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'photos');

export type PhotoName =
  | 'astronaut'
  | 'chelsea'
  | 'coffee'
  | 'rocket'
  | 'motorcycle_left'
  | 'motorcycle_right'
  | 'hubble_deep_field'
  | 'retina';

/** Decode a photo to interleaved 8-bit RGB, optionally resized (area) so its long side is ≤ maxSide. */
export async function loadPhoto(name: PhotoName, maxSide?: number): Promise<RgbImage> {
  let pipeline = sharp(path.join(PHOTO_DIR, `${name}.jpg`)).removeAlpha();
  if (maxSide) pipeline = pipeline.resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true, kernel: 'cubic' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
