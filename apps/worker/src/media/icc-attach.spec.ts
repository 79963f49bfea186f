import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { storedPixels } from '../test-support/icc-fixtures';
import { libvipsProfile as profile } from './libvips-profile';
import { attachIccProfile, canAttachIccProfile } from './icc-attach';

/** A 4×2 gradient, 8-bit or 16-bit. */
function pixels(sixteen: boolean): Uint8Array | Uint16Array {
  const values = Array.from({ length: 4 * 2 * 3 }, (_, i) => (i * 37) % 256);
  return sixteen ? Uint16Array.from(values, (v) => v * 257 + (v % 7)) : Uint8Array.from(values);
}

async function encode(format: 'jpeg' | 'png' | 'tiff', sixteen = false): Promise<Buffer> {
  const data = pixels(sixteen);
  const image = sharp(data, { raw: { width: 4, height: 2, channels: 3 } }).toColourspace(sixteen ? 'rgb16' : 'srgb');
  if (format === 'jpeg') return image.jpeg({ quality: 95 }).toBuffer();
  if (format === 'png') return image.png().toBuffer();
  return image.tiff({ compression: 'lzw' }).toBuffer();
}

describe('attachIccProfile', () => {
  it.each([
    ['jpeg', false],
    ['png', false],
    ['png', true],
    ['tiff', false],
    ['tiff', true],
  ] as const)('embeds the profile in a %s (16-bit: %s) and leaves every pixel as it was', async (format, sixteen) => {
    const icc = await profile('srgb');
    const plain = await encode(format, sixteen);
    expect((await sharp(plain).metadata()).icc).toBeUndefined();
    const tagged = attachIccProfile(plain, format, icc);
    const meta = await sharp(tagged).metadata();
    expect(meta.icc?.equals(icc)).toBe(true);
    expect(meta).toMatchObject({ width: 4, height: 2, depth: sixteen ? 'ushort' : 'uchar' });
    expect(await storedPixels(tagged, sixteen)).toEqual(await storedPixels(plain, sixteen));
  });

  it('splits a profile larger than one JPEG segment across numbered APP2 segments', async () => {
    // A profile padded past 65 519 bytes (what one APP2 segment holds), its size field kept honest.
    const base = await profile('p3');
    const big = Buffer.concat([base, Buffer.alloc(150_000 - base.length)]);
    big.writeUInt32BE(big.length, 0);
    const tagged = attachIccProfile(await encode('jpeg'), 'jpeg', big);
    const segments = [...tagged.toString('latin1').matchAll(/ICC_PROFILE\0(.)(.)/g)].map((m) => [m[1].charCodeAt(0), m[2].charCodeAt(0)]);
    expect(segments).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect((await sharp(tagged).metadata()).icc?.equals(big)).toBe(true);
  });

  it('puts the profile after a leading JFIF segment and before the image data', async () => {
    const jpeg = await encode('jpeg');
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const withJfif = Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
    const tagged = attachIccProfile(withJfif, 'jpeg', await profile('srgb'));
    expect(tagged.subarray(2, 2 + app0.length).equals(app0)).toBe(true);
    expect(tagged.readUInt16BE(2 + app0.length)).toBe(0xffe2);
  });

  it('a PNG keeps a valid chunk sequence (IHDR, iCCP, …) that libvips reads back', async () => {
    const tagged = attachIccProfile(await encode('png'), 'png', await profile('srgb'));
    expect(tagged.toString('latin1', 12, 16)).toBe('IHDR');
    expect(tagged.toString('latin1', 37, 41)).toBe('iCCP');
    // The chunk's CRC covers its type and data (libvips does not check it; other readers do).
    const length = tagged.readUInt32BE(33);
    expect(tagged.readUInt32BE(41 + length)).toBe(crc32(tagged.subarray(37, 41 + length)) >>> 0);
    // The next chunk starts right after it.
    expect(tagged.toString('latin1', 41 + length + 8, 41 + length + 12)).toMatch(/^[A-Za-z]{4}$/);
    await expect(sharp(tagged, { failOn: 'warning' }).raw().toBuffer()).resolves.toHaveLength(4 * 2 * 3);
  });

  it('refuses files it does not recognise, and a TIFF that already has a profile', async () => {
    const [icc, jpeg, png] = await Promise.all([profile('srgb'), encode('jpeg'), encode('png')]);
    expect(() => attachIccProfile(Buffer.from('not an image'), 'jpeg', icc)).toThrow(/not a JPEG/);
    expect(() => attachIccProfile(jpeg, 'png', icc)).toThrow(/not a PNG/);
    expect(() => attachIccProfile(png, 'tiff', icc)).toThrow(/not a TIFF/);
    const tagged = attachIccProfile(await encode('tiff'), 'tiff', icc);
    expect(() => attachIccProfile(tagged, 'tiff', icc)).toThrow(/already has a profile/);
  });

  it('names the formats it can handle', () => {
    expect(['jpeg', 'png', 'tiff', 'webp', 'avif'].filter(canAttachIccProfile)).toEqual(['jpeg', 'png', 'tiff']);
  });
});
