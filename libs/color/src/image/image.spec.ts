import { sceneImage, solidImage } from '../test-support/synthetic';
import { imageToRgbFloat, rgbFloatToImage } from './image-float';
import { proxyOf } from './proxy-of';
import { assertImage, cloneImage, createImage } from './rgb-image';

describe('RgbImage', () => {
  it('validates geometry', () => {
    expect(() => assertImage({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(/length/);
    expect(() => assertImage({ width: 0, height: 2, channels: 3, data: new Uint8Array(0) })).toThrow(/positive/);
    expect(() => assertImage(createImage(3, 2, 4, 16))).not.toThrow();
    const a = solidImage(2, 2, [1, 2, 3]);
    const b = cloneImage(a);
    b.data[0] = 9;
    expect(a.data[0]).toBe(1);
  });
  it('float conversion round-trips 8 and 16 bit, keeping alpha', () => {
    const img = sceneImage(16, 8, 2, 16, 4);
    const back = rgbFloatToImage(imageToRgbFloat(img), 16, 8, 16, img);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
    const img8 = sceneImage(16, 8, 2, 8, 3);
    expect(Array.from(rgbFloatToImage(imageToRgbFloat(img8), 16, 8, 8).data)).toEqual(Array.from(img8.data));
  });
});

describe('proxyOf', () => {
  it('returns small images untouched and bounds the long side', () => {
    const small = solidImage(40, 30, [1, 2, 3]);
    expect(proxyOf(small, 512)).toBe(small);
    const p = proxyOf(sceneImage(1000, 300, 1), 512);
    expect([p.width, p.height]).toEqual([512, 154]);
  });
  it('averages exact 2×2 blocks', () => {
    const img = { width: 4, height: 2, channels: 3 as const, data: new Uint8Array([0, 0, 0, 10, 10, 10, 100, 0, 0, 200, 0, 0, 20, 20, 20, 30, 30, 30, 0, 0, 100, 0, 0, 60]) };
    const p = proxyOf(img, 2);
    expect([p.width, p.height]).toEqual([2, 1]);
    expect(Array.from(p.data)).toEqual([15, 15, 15, 75, 0, 40]);
  });
  it('keeps a constant image constant at fractional ratios, in 16 bit and RGBA', () => {
    const img = solidImage(1001, 333, [77, 140, 201], 4);
    const p = proxyOf(img, 512);
    let wrong = 0;
    for (let i = 0; i < p.data.length; i += 4) {
      if (p.data[i] !== 77 || p.data[i + 1] !== 140 || p.data[i + 2] !== 201 || p.data[i + 3] !== 200) wrong++;
    }
    expect(p.width * p.height).toBe(512 * 170);
    expect(wrong).toBe(0);
    const deep = proxyOf(sceneImage(700, 700, 3, 16), 100);
    expect(deep.data).toBeInstanceOf(Uint16Array);
    expect(deep.width).toBe(100);
  });
  it('gives RGB the same values as the generic path gives RGBA (the RGB loop is unrolled)', () => {
    const rgb = sceneImage(333, 517, 5);
    const rgba = { width: rgb.width, height: rgb.height, channels: 4 as const, data: new Uint8Array(rgb.width * rgb.height * 4) };
    for (let i = 0, j = 0; i < rgb.data.length; i += 3, j += 4) {
      rgba.data.set(rgb.data.subarray(i, i + 3), j);
      rgba.data[j + 3] = 255;
    }
    const [a, b] = [proxyOf(rgb, 97), proxyOf(rgba, 97)];
    const dropAlpha = Array.from(b.data).filter((_, i) => i % 4 !== 3);
    expect(Array.from(a.data)).toEqual(dropAlpha);
  });
  it('preserves the mean', () => {
    const img = sceneImage(600, 400, 4);
    const p = proxyOf(img, 200);
    const mean = (d: Uint8Array | Uint16Array): number => {
      let s = 0;
      for (let i = 0; i < d.length; i++) s += d[i];
      return s / d.length;
    };
    expect(Math.abs(mean(p.data) - mean(img.data))).toBeLessThan(0.3);
  });
});
