import sharp from 'sharp';
import type { RgbImage } from '@gradekit/color';
import { storedPixels } from '../test-support/icc-fixtures';
import { ImageEncoder } from './image-encoder';
import { libvipsProfile } from './libvips-profile';

/** Saturated primaries and a grey: what a wrong colour conversion visibly moves. */
const EIGHT = Uint8Array.from([230, 40, 40, 40, 230, 40, 40, 40, 230, 128, 128, 128]);
const SIXTEEN = Uint16Array.from([60000, 10000, 10000, 10000, 60000, 10000, 10000, 10000, 60000, 30000, 30000, 30000]);

const image = (data: Uint8Array | Uint16Array): RgbImage => ({ width: 4, height: 1, channels: 3, data });

/** Whether the file carries exactly libvips' sRGB profile. */
async function tagsSrgb(file: Buffer): Promise<boolean> {
  const [icc, srgb] = await Promise.all([sharp(file).metadata().then((m) => m.icc), libvipsProfile('srgb')]);
  return icc?.equals(srgb) === true;
}

describe('ImageEncoder', () => {
  const encoder = new ImageEncoder();

  it.each(['png', 'tiff'])('keeps 16-bit %s pixels exactly as given and tags them sRGB', async (format) => {
    const out = await encoder.encode(image(SIXTEEN), format);
    expect(out).toMatchObject({ format, bitDepth: 16, width: 4, height: 1 });
    expect(await storedPixels(out.buffer, true)).toEqual([...SIXTEEN]);
    expect((await sharp(out.buffer).metadata()).depth).toBe('ushort');
    expect(await tagsSrgb(out.buffer)).toBe(true);
  });

  it('keeps 8-bit PNG pixels exactly and JPEG pixels within compression error, both tagged sRGB', async () => {
    const png = await encoder.encode(image(EIGHT), 'png');
    expect(await storedPixels(png.buffer, false)).toEqual([...EIGHT]);
    const jpeg = await encoder.encode(image(EIGHT), 'jpeg');
    (await storedPixels(jpeg.buffer, false)).forEach((v, i) => expect(Math.abs(v - EIGHT[i])).toBeLessThanOrEqual(6));
    for (const file of [png.buffer, jpeg.buffer]) expect(await tagsSrgb(file)).toBe(true);
  });

  it('an owner\'s output options override the input format and the JPEG quality (the preferences, from the task params)', async () => {
    // A 64×64 gradient: enough detail that the quality shows in the file size.
    const data = Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 37) % 256);
    const noisy: RgbImage = { width: 64, height: 64, channels: 3, data };
    const png = await encoder.encode(noisy, 'jpeg', { format: 'png' });
    expect(png).toMatchObject({ format: 'png', contentType: 'image/png', extension: 'png' });
    expect((await sharp(png.buffer).metadata()).format).toBe('png');
    const low = await encoder.encode(noisy, 'png', { format: 'jpeg', jpeg_quality: 10 });
    const standard = await encoder.encode(noisy, 'jpeg');
    const high = await encoder.encode(noisy, 'jpeg', { jpeg_quality: 100 });
    expect((await sharp(low.buffer).metadata()).format).toBe('jpeg');
    expect(low.buffer.length).toBeLessThan(standard.buffer.length);
    expect(standard.buffer.length).toBeLessThan(high.buffer.length);
  });

  it('tags WebP and AVIF sRGB too (through sharp)', async () => {
    for (const format of ['webp', 'avif']) {
      const out = await encoder.encode(image(EIGHT), format);
      expect(await tagsSrgb(out.buffer)).toBe(true);
    }
  });

  it('writes AVIF at quality 70 with the fastest encoder effort', async () => {
    const out = await encoder.encode(image(EIGHT), 'avif');
    const fastest = await sharp(Buffer.from(EIGHT), { raw: { width: 4, height: 1, channels: 3 } })
      .withIccProfile('srgb')
      .avif({ quality: 70, effort: 0 })
      .toBuffer();
    expect(out.buffer.equals(fastest)).toBe(true);
  });

  it('writes JPEG with the standard Huffman tables (no per-image optimisation pass)', async () => {
    const out = await encoder.encode(image(EIGHT), 'jpeg');
    const standard = await sharp(Buffer.from(EIGHT), { raw: { width: 4, height: 1, channels: 3 } })
      .jpeg({ quality: 92, chromaSubsampling: '4:4:4', mozjpeg: false, optimiseCoding: false })
      .toBuffer();
    // Same scan data as a plain standard-table encode; only the embedded profile differs.
    const scanOf = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xc4])));
    expect(scanOf(out.buffer).equals(scanOf(standard))).toBe(true);
  });
});
