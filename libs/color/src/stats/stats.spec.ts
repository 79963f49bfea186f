import { imageToRgbFloat } from '../image/image-float';
import { RgbImage } from '../image/rgb-image';
import { linearToSrgb } from '../space/srgb';
import { solidImage } from '../test-support/synthetic';
import { channelStats } from './channel-stats';
import { colorfulness } from './colorfulness';
import { histogram256 } from './histogram';
import { luminanceStats } from './luminance-stats';
import { dominantPalette } from './palette';
import { percentiles } from './percentile';

describe('percentiles and channel stats', () => {
  it('interpolate like numpy (type 7)', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(xs, [0, 1, 50, 100])).toEqual([1, 1.99, 50.5, 100]);
  });
  it('report mean, population std and percentiles on a scale', () => {
    const s = channelStats(new Float32Array([0, 0, 0, 1, 0, 0, 0.5, 0, 0, 0.5, 0, 0]), 0, 3, 255);
    expect(s.mean).toBeCloseTo(127.5, 4);
    expect(s.std).toBeCloseTo(Math.sqrt((127.5 ** 2 * 2) / 4), 3);
    expect(s.percentiles.p50).toBeCloseTo(127.5, 4);
    expect(s.min).toBe(0);
    expect(s.max).toBe(255);
  });
  it('histogram bins by rounded code', () => {
    const h = histogram256(imageToRgbFloat(solidImage(4, 4, [10, 20, 30])), 1);
    expect(h[20]).toBe(16);
    expect(h.reduce((a, b) => a + b)).toBe(16);
  });
});

describe('luminance statistics', () => {
  it('middle grey reads 0 EV', () => {
    const code = Math.round(linearToSrgb(0.18) * 65535);
    const img: RgbImage = { width: 4, height: 4, channels: 3, data: new Uint16Array(48).fill(code) };
    const s = luminanceStats(imageToRgbFloat(img));
    expect(Math.abs(s.exposureEv)).toBeLessThan(0.001);
    expect(s.rmsContrast).toBeCloseTo(0, 6);
    expect(s.dynamicRangeEv).toBeCloseTo(0, 6);
    const bright = luminanceStats(imageToRgbFloat(solidImage(2, 2, [255, 255, 255])));
    expect(bright.exposureEv).toBeCloseTo(Math.log2(1 / 0.18), 4);
  });
  it('black/white halves: clipping, contrast and dynamic range', () => {
    const img = solidImage(4, 4, [0, 0, 0]);
    img.data.fill(255, 0, 24);
    const s = luminanceStats(imageToRgbFloat(img));
    expect(s.clippedShadowsPercent).toBe(50);
    expect(s.clippedHighlightsPercent).toBe(50);
    expect(s.mean).toBeCloseTo(127.5, 4);
    expect(s.rmsContrast).toBeCloseTo(0.5, 6);
    expect(s.dynamicRangeEv).toBeCloseTo(Math.log2(1 / (0.5 / 255 / 12.92)), 3);
  });
});

describe('colourfulness (Hasler–Süsstrunk)', () => {
  it('is 0 for greys and analytic for a flat primary', () => {
    expect(colorfulness(imageToRgbFloat(solidImage(3, 3, [90, 90, 90])))).toBeCloseTo(0, 9);
    expect(colorfulness(imageToRgbFloat(solidImage(3, 3, [255, 0, 0])))).toBeCloseTo(0.3 * Math.hypot(255, 127.5), 3);
  });
});

describe('dominant palette', () => {
  const img = solidImage(10, 10, [200, 30, 40]);
  for (let i = 50; i < 80; i++) img.data.set([20, 120, 220], i * 3);
  for (let i = 80; i < 100; i++) img.data.set([240, 240, 230], i * 3);
  it('recovers known colours and their fractions, sorted', () => {
    const p = dominantPalette(imageToRgbFloat(img), { k: 5 });
    expect(p.map((c) => c.hex)).toEqual(['#c81e28', '#1478dc', '#f0f0e6']);
    expect(p.map((c) => c.fraction)).toEqual([0.5, 0.3, 0.2]);
    expect(p[0].rgb).toEqual([200, 30, 40]);
  });
  it('is deterministic for a seed', () => {
    const rgb = new Float32Array(3000).map((_, i) => ((i * 7919) % 997) / 997);
    expect(dominantPalette(rgb, { seed: 3 })).toEqual(dominantPalette(rgb, { seed: 3 }));
    expect(dominantPalette(rgb, { k: 4 })).toHaveLength(4);
  });
});
