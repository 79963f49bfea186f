import { blockMean, boxMean, guidedFilter } from './guided-filter';

/** Brute-force box mean over a clipped (2r+1)² window. */
function bruteBox(values: Float32Array, width: number, height: number, r: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let count = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
          sum += values[yy * width + xx];
          count++;
        }
      }
      out[y * width + x] = sum / count;
    }
  }
  return out;
}

/** A deterministic pseudo-random plane (LCG). */
function noise(n: number, seed = 7): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = (s >>> 8) / 2 ** 24;
  }
  return out;
}

/** A vertical step edge at x = edge in the guide (dark | bright) and a matte blurred across it. */
function stepScene(width: number, height: number, edge: number, blur: number): { guide: Uint8Array; soft: Uint8Array } {
  const guide = new Uint8Array(width * height);
  const soft = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      guide[i] = x < edge ? 40 : 210;
      soft[i] = Math.round(255 * Math.min(1, Math.max(0, (x - edge + blur) / (2 * blur))));
    }
  }
  return { guide, soft };
}

const meanAbs = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe('guided filter', () => {
  it('box means equal a brute-force clipped window, for radii smaller and larger than the image', () => {
    const [w, h] = [23, 17];
    const values = noise(w * h);
    for (const r of [0, 1, 3, 8, 30]) {
      const fast = boxMean((i) => values[i], w, h, r, new Float32Array(w * h), new Float32Array(w * h));
      const brute = bruteBox(values, w, h, r);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(brute[i], 5);
    }
  });

  it('leaves a flat matte as it is whatever the guide', () => {
    const [w, h] = [40, 30];
    const guide = Uint8Array.from(noise(w * h), (v) => Math.round(v * 255));
    for (const value of [0, 255, 100]) {
      const out = guidedFilter(guide, new Uint8Array(w * h).fill(value), w, h, { radius: 4, eps: 1e-3 });
      expect(Math.max(...out.map((v) => Math.abs(v - value)))).toBeLessThanOrEqual(1);
    }
  });

  it('snaps a soft matte to the guide\'s edge: a step where the image has one, at the image\'s position', () => {
    const [w, h] = [64, 16];
    // The guide's edge at x = 32; the soft matte's ramp is centred 2 px off, at x = 34 (an upscaled matte's misplaced edge).
    const { guide } = stepScene(w, h, 32, 6);
    const { soft } = stepScene(w, h, 34, 6);
    const out = guidedFilter(guide, soft, w, h, { radius: 8, eps: 1e-3 });
    const row = 8 * w;
    // The soft matte climbs ≈ 21 levels per pixel; the filtered one jumps at the guide's edge.
    expect(soft[row + 32] - soft[row + 31]).toBeLessThan(25);
    expect(out[row + 32] - out[row + 31]).toBeGreaterThan(120);
    // Its 50 % crossing moved from x ≈ 34 to the guide's edge.
    const crossing = (plane: Uint8Array) => [...plane.subarray(row, row + w)].findIndex((v) => v >= 128);
    expect(crossing(soft)).toBe(34);
    expect(crossing(out)).toBe(32);
    // Far from the edge (beyond the ramp and the window) nothing changes.
    expect(out[row + 5]).toBe(soft[row + 5]);
    expect(out[row + 60]).toBe(soft[row + 60]);
  });

  it('smooths over guide edges much weaker than ε', () => {
    const [w, h] = [64, 16];
    const { soft } = stepScene(w, h, 32, 6);
    const faint = Uint8Array.from(stepScene(w, h, 32, 6).guide, (v) => (v > 100 ? 121 : 120));
    const out = guidedFilter(faint, soft, w, h, { radius: 8, eps: 1e-2 });
    const row = 8 * w;
    // a ≈ 0 there: q ≈ the matte's window mean, not a step.
    expect(out[row + 29]).toBeGreaterThan(40);
    expect(out[row + 34]).toBeLessThan(230);
  });

  it('the fast variant (s = 2, 4) stays close to the exact filter', () => {
    const [w, h] = [96, 64];
    const { guide, soft } = stepScene(w, h, 45, 8);
    const exact = guidedFilter(guide, soft, w, h, { radius: 8, eps: 1e-3 });
    expect(meanAbs(guidedFilter(guide, soft, w, h, { radius: 8, eps: 1e-3, subsample: 2 }), exact)).toBeLessThan(2.5);
    expect(meanAbs(guidedFilter(guide, soft, w, h, { radius: 8, eps: 1e-3, subsample: 4 }), exact)).toBeLessThan(5);
  });

  it('averages s×s blocks, partial ones at the border by their own count', () => {
    const plane = Uint8Array.from([0, 255, 51, 255, 255, 51]); // 3 × 2
    const { data, width, height } = blockMean(plane, 3, 2, 2);
    expect([width, height]).toEqual([2, 1]);
    expect(data[0]).toBeCloseTo(0.75, 5);
    expect(data[1]).toBeCloseTo(0.2, 5);
  });

  it('refuses planes of the wrong size', () => {
    expect(() => guidedFilter(new Uint8Array(10), new Uint8Array(12), 4, 3, { radius: 1, eps: 1e-3 })).toThrow(RangeError);
  });
});
