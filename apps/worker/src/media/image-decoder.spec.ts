import { crc32, deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { loadWorkerConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { attachIccProfile } from './icc-attach';
import { ImageDecoder } from './image-decoder';
import { libvipsProfile } from './libvips-profile';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/photos');

function decoder(env: Record<string, string> = {}): ImageDecoder {
  return new ImageDecoder(loadWorkerConfig({ LOG_LEVEL: 'silent', ...env }));
}

async function solid(width: number, height: number, rgb: [number, number, number], format: 'jpeg' | 'png' = 'png'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 95 }).toBuffer();
}

async function domainErrorOf(run: Promise<unknown>): Promise<DomainError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A 312-byte PNG whose header claims 20000×20000 RGB (1.2 GB decoded): a decompression bomb. */
function pngBomb(side = 20000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = deflateSync(Buffer.alloc(4 * (1 + side * 3)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

describe('ImageDecoder (sharp adapter)', () => {
  it('decodes a flat colour exactly into 8-bit RGB, keeping small images at full size', async () => {
    const bytes = await solid(300, 200, [200, 100, 50]);
    const { source, proxy } = await decoder().decodeProxy(bytes);
    expect(source).toEqual({ format: 'png', width: 300, height: 200, hasAlpha: false, bytes: bytes.length });
    expect([proxy.width, proxy.height, proxy.channels]).toEqual([300, 200, 3]);
    expect(proxy.data).toBeInstanceOf(Uint8Array);
    expect(proxy.data.length).toBe(300 * 200 * 3);
    expect([...proxy.data.subarray(0, 6)]).toEqual([200, 100, 50, 200, 100, 50]);
  });

  it('shrinks a real photo so its long side is 512 px', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'coffee.jpg'));
    const { source, proxy } = await decoder().decodeProxy(bytes);
    expect(source.format).toBe('jpeg');
    expect([source.width, source.height]).toEqual([600, 400]);
    expect([proxy.width, proxy.height]).toEqual([512, 341]);
  });

  it('applies EXIF orientation before measuring and shrinking', async () => {
    // Stored 40×20: left half red, right half blue; orientation 6 = rotate 90° clockwise to display.
    const raw = Buffer.alloc(40 * 20 * 3);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) raw[(y * 40 + x) * 3 + (x < 20 ? 0 : 2)] = 255;
    const bytes = await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const { source, proxy } = await decoder().decodeProxy(bytes);
    expect([source.width, source.height]).toEqual([20, 40]);
    expect([proxy.width, proxy.height]).toEqual([20, 40]);
    const top = [...proxy.data.subarray(0, 3)];
    const bottom = [...proxy.data.subarray((39 * 20) * 3, (39 * 20) * 3 + 3)];
    expect(top[0]).toBeGreaterThan(240);
    expect(top[2]).toBeLessThan(15);
    expect(bottom[2]).toBeGreaterThan(240);
    expect(bottom[0]).toBeLessThan(15);
  });

  it('converts greyscale, 16-bit with alpha and CMYK to 8-bit sRGB and reports alpha', async () => {
    const grey = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 128, g: 128, b: 128 } } }).toColourspace('b-w').png().toBuffer();
    expect([...(await decoder().decodeProxy(grey)).proxy.data.subarray(0, 3)]).toEqual([128, 128, 128]);

    const deep = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).toColourspace('rgb16').png().toBuffer();
    const decodedDeep = await decoder().decodeProxy(deep);
    expect(decodedDeep.source.hasAlpha).toBe(true);
    expect([...decodedDeep.proxy.data.subarray(0, 3)]).toEqual([10, 20, 30]);

    const cmyk = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).toColourspace('cmyk').jpeg().toBuffer();
    const [r, g, b] = (await decoder().decodeProxy(cmyk)).proxy.data;
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });

  it('decodes a 16-bit image with a profile into sRGB, as it does an 8-bit one (sharp alone would give Display P3)', async () => {
    const stored = Uint16Array.from([60000, 10000, 10000, 10000, 60000, 10000, 10000, 10000, 60000, 30000, 30000, 30000]);
    const plain = await sharp(stored, { raw: { width: 4, height: 1, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    const [srgb, p3] = await Promise.all([libvipsProfile('srgb'), libvipsProfile('p3')]);

    // Untagged and sRGB-tagged: the stored values, untouched.
    for (const file of [plain, attachIccProfile(plain, 'png', srgb)]) {
      expect([...(await decoder().decodeFull(file)).image.data]).toEqual([...stored]);
      expect([...(await decoder().decodeProxy(file)).proxy.data]).toEqual([...stored].map((v) => v >> 8)); // libvips narrows 16 → 8 bits by a shift
    }
    // P3-tagged: converted to sRGB, the same colours as the 8-bit copy of the file decodes to.
    const full = (await decoder().decodeFull(attachIccProfile(plain, 'png', p3))).image.data;
    const plain8 = await sharp(Uint8Array.from(stored, (v) => v >> 8), { raw: { width: 4, height: 1, channels: 3 } }).png().toBuffer();
    const eightBit = (await decoder().decodeFull(attachIccProfile(plain8, 'png', p3))).image.data;
    [...full].forEach((v, i) => expect(Math.abs(v / 257 - eightBit[i])).toBeLessThanOrEqual(3)); // the 8-bit copy lost up to a level
    expect(full[1]).toBeLessThan(2000); // P3's red is outside sRGB: green and blue fall to ~0, not 10000
  });

  it('refuses text and SVG as unsupported media (415)', async () => {
    const text = await domainErrorOf(decoder().decodeProxy(Buffer.from('this is a text file, not a photo')));
    expect(text.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const svg = await domainErrorOf(decoder().decodeProxy(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>')));
    expect(svg.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(svg.details[0].message).toContain('svg');
  });

  it('refuses truncated, corrupt and empty files as invalid images (422)', async () => {
    const jpeg = await solid(300, 200, [10, 200, 30], 'jpeg');
    const truncated = await domainErrorOf(decoder().decodeProxy(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))));
    expect(truncated.code).toBe('INVALID_IMAGE');
    expect(truncated.details[0].message).toMatch(/premature end/i);
    const corrupt = Buffer.from(jpeg);
    for (let i = 200; i < corrupt.length - 2; i += 7) corrupt[i] ^= 0x5a;
    expect((await domainErrorOf(decoder().decodeProxy(corrupt))).code).toBe('INVALID_IMAGE');
    expect((await domainErrorOf(decoder().decodeProxy(Buffer.alloc(0)))).code).toBe('INVALID_IMAGE');
  });

  it('refuses a decompression bomb from its header, before decoding (413)', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(10_000);
    const error = await domainErrorOf(decoder().decodeProxy(bomb));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.details[0]).toMatchObject({ width: 20000, height: 20000, max_pixels: 100_000_000 });
  });

  it('applies MAX_INPUT_PIXELS', async () => {
    const bytes = await solid(200, 200, [1, 2, 3]);
    const error = await domainErrorOf(decoder({ MAX_INPUT_PIXELS: '10000' }).decodeProxy(bytes));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.details[0]).toMatchObject({ width: 200, height: 200, max_pixels: 10000 });
    await expect(decoder({ MAX_INPUT_PIXELS: '40000' }).decodeProxy(bytes)).resolves.toBeDefined();
  });
});
