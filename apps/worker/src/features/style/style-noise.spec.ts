import { styleNoise } from './style-noise';

describe('styleNoise', () => {
  it('is the same for the same seed, different for another, and standard normal', () => {
    const a = styleNoise(42, 20000);
    expect(styleNoise(42, 20000)).toEqual(a);
    const b = styleNoise(43, 20000);
    expect(b.filter((v, i) => v === a[i]).length).toBeLessThan(5);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
  });
});
