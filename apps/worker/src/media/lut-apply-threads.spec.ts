import * as path from 'node:path';
import { applyLut, bakeLut, type ColorTransform, type RgbImage } from '@gradekit/color';
import { ThreadedLutApplier } from './lut-apply-threads';

const TS_REGISTER = path.resolve(__dirname, '..', '..', '..', '..', 'bench', 'common', 'ts-register.js');

const warm: ColorTransform = (rgb) => {
  for (let i = 0; i < rgb.length; i += 3) {
    rgb[i] = Math.min(1, rgb[i] * 1.1 + 0.02);
    rgb[i + 1] = rgb[i + 1] ** 0.9;
    rgb[i + 2] = rgb[i + 2] * 0.85;
  }
};

function image(width: number, height: number, channels: 3 | 4, depth: 8 | 16): RgbImage {
  const n = width * height * channels;
  const data = depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  const max = depth === 16 ? 65535 : 255;
  for (let i = 0; i < n; i++) data[i] = (i * 7919 + (i >> 5) * 31) % (max + 1);
  return { width, height, channels, data };
}

function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

describe('ThreadedLutApplier', () => {
  const lut = bakeLut(warm, 17);

  it('splits the image across threads and equals applyLut byte for byte (8/16-bit, RGB/RGBA, in place)', async () => {
    const applier = new ThreadedLutApplier({ threads: 3, minPixels: 0, register: TS_REGISTER });
    try {
      expect(applier.parallel).toBe(true);
      for (const [channels, depth] of [
        [3, 8],
        [4, 8],
        [3, 16],
      ] as const) {
        const img = image(67, 41, channels, depth);
        const want = applyLut(img, lut).data;
        expect(differing((await applier.apply(img, lut)).data, want)).toBe(0);
        const copy = { ...img, data: img.data.slice() };
        await applier.apply(copy, lut, { out: copy.data });
        expect(differing(copy.data, want)).toBe(0);
      }
      // Concurrent applies each get their own shared memory.
      const a = image(50, 30, 3, 8);
      const b = image(31, 44, 3, 8);
      const [ra, rb] = await Promise.all([applier.apply(a, lut), applier.apply(b, lut)]);
      expect(differing(ra.data, applyLut(a, lut).data)).toBe(0);
      expect(differing(rb.data, applyLut(b, lut).data)).toBe(0);
    } finally {
      await applier.close();
    }
  });

  it('stays on the calling thread when it cannot load its thread entry or the image is small', async () => {
    const img = image(20, 10, 3, 8);
    const noEntry = new ThreadedLutApplier({ threads: 2, minPixels: 0 }); // a .ts entry without a register
    expect(noEntry.parallel).toBe(false);
    expect(differing((await noEntry.apply(img, lut)).data, applyLut(img, lut).data)).toBe(0);
    const small = new ThreadedLutApplier({ threads: 2, register: TS_REGISTER });
    expect(differing((await small.apply(img, lut)).data, applyLut(img, lut).data)).toBe(0);
    await small.close();
  });
});
