import { createRng, type RgbImage } from '@gradekit/color';
import { bandGrams, binomialBlur, gramDistance, lumaBandEnergies, structureKept } from './band-statistics';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y).map((v) => Math.max(0, Math.min(255, Math.round(v)))), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

const rng = createRng(7);
const noisy = image(64, 48, () => { const v = 128 + (rng() - 0.5) * 120; return [v, v, v]; });
const flat = image(64, 48, () => [128, 128, 128]);
const edges = image(64, 48, (x, y) => (x > 20 && y > 10 ? [200, 180, 160] : [40, 60, 80]));

describe('band statistics', () => {
  it('blurs with the binomial kernel: a constant stays constant, an impulse spreads as (1 4 6 4 1)²/256', () => {
    expect(Array.from(binomialBlur(new Float32Array(25).fill(0.5), 5, 5)).every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
    const impulse = new Float32Array(81);
    impulse[40] = 1;
    const out = binomialBlur(impulse, 9, 9);
    expect(out[40]).toBeCloseTo(36 / 256, 6);
    expect(out[40 + 2]).toBeCloseTo(6 / 256, 6);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('measures band energy where there is detail: noise has fine energy, a flat image none', () => {
    const e = lumaBandEnergies(noisy);
    expect(e).toHaveLength(5);
    expect(e[0]).toBeGreaterThan(0.05);
    expect(e[0]).toBeGreaterThan(e[2]);
    expect(lumaBandEnergies(flat).every((v) => v < 1e-6)).toBe(true);
  });

  it('Gram distance: 0 for the same image, 1 per band level against a flat image, symmetric and in between otherwise', () => {
    expect(gramDistance(bandGrams(noisy), bandGrams(noisy))).toBeCloseTo(0, 9);
    const toFlat = gramDistance(bandGrams(noisy), bandGrams(flat));
    // Five band levels at distance 1 each, the base level (same mean grey) near 0.
    expect(toFlat).toBeGreaterThan(0.8);
    expect(toFlat).toBeLessThanOrEqual(1);
    const d = gramDistance(bandGrams(edges), bandGrams(noisy));
    expect(d).toBeCloseTo(gramDistance(bandGrams(noisy), bandGrams(edges)), 9);
    expect(d).toBeGreaterThan(0.1);
    expect(d).toBeLessThan(toFlat);
    expect(() => gramDistance(bandGrams(noisy, 3), bandGrams(noisy))).toThrow(RangeError);
  });

  it('structure kept: 1 for the same edges, even brighter; low when the edges are replaced by noise', () => {
    expect(structureKept(edges, edges)).toBeCloseTo(1, 9);
    const brighter = image(64, 48, (x, y) => (x > 20 && y > 10 ? [230, 210, 190] : [70, 90, 110]));
    expect(structureKept(edges, brighter)).toBeGreaterThan(0.99);
    expect(structureKept(edges, noisy)).toBeLessThan(0.2);
    expect(() => structureKept(edges, image(10, 10, () => [0, 0, 0]))).toThrow(RangeError);
  });
});
