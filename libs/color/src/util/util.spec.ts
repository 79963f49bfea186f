import { mat3Apply, mat3Inverse, mat3Mul, mat3Transpose, symmetricEigen3, symmetricMatrixFunction } from './mat3';
import { createGaussianRng, createRng, hash2 } from './rng';

describe('mat3', () => {
  it('inverts and multiplies', () => {
    const m = [2, 1, 0, 1, 3, 1, 0, 1, 4];
    const p = mat3Mul(m, mat3Inverse(m));
    [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
    expect(() => mat3Inverse([1, 2, 3, 2, 4, 6, 0, 0, 1])).toThrow(/singular/);
    expect(mat3Apply(mat3Transpose([1, 2, 3, 4, 5, 6, 7, 8, 9]), [1, 0, 0])).toEqual([1, 2, 3]);
  });
  it('diagonalises a symmetric matrix and takes its square root', () => {
    const m = [4, 1, 2, 1, 3, 0.5, 2, 0.5, 5];
    const { values, vectors: v } = symmetricEigen3(m);
    for (let k = 0; k < 3; k++) {
      const col = [v[k], v[3 + k], v[6 + k]];
      const mv = mat3Apply(m, col);
      for (let i = 0; i < 3; i++) expect(mv[i]).toBeCloseTo(values[k] * col[i], 10);
    }
    expect(values.reduce((a, b) => a + b)).toBeCloseTo(12, 10);
    const s = symmetricMatrixFunction(m, Math.sqrt);
    const s2 = mat3Mul(s, s);
    m.forEach((x, i) => expect(s2[i]).toBeCloseTo(x, 10));
  });
});

describe('rng', () => {
  it('is deterministic per seed and uniform-ish', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(createRng(8)()).not.toBe(createRng(7)());
  });
  it('gaussian has unit variance; hash2 is stateless', () => {
    const g = createGaussianRng(3);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 20000; i++) {
      const x = g();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / 20000)).toBeLessThan(0.03);
    expect(Math.abs(s2 / 20000 - 1)).toBeLessThan(0.05);
    expect(hash2(10, 20, 1)).toBe(hash2(10, 20, 1));
    expect(hash2(10, 20, 1)).not.toBe(hash2(11, 20, 1));
  });
});
