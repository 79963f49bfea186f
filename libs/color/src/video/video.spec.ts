import { identityLut } from '../lut/lut3d';
import { blendLuts, detectShots, flickerExcess, frameStats, lutSchedule, meanLightnessFlicker, shotsBetween, statsDistance, type FrameStats } from '../index';

/** A flat frame's statistics. */
function flat(r: number, g: number, b: number, w = 8, h = 8): FrameStats {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
  }
  return frameStats({ width: w, height: h, channels: 3, data });
}

/** A frame that is a fraction `t` of colour B's pixels and 1 − t of A's (a histogram-space dissolve). */
function mix(a: [number, number, number], b: [number, number, number], t: number): FrameStats {
  const w = 20;
  const h = 20;
  const data = new Uint8Array(w * h * 3);
  const nb = Math.round(t * w * h);
  for (let p = 0; p < w * h; p++) data.set(p < nb ? b : a, p * 3);
  return frameStats({ width: w, height: h, channels: 3, data });
}

describe('frame statistics', () => {
  it('has the mean L* of the pixels and a 64-bin histogram', () => {
    const white = flat(255, 255, 255);
    expect(white.mean_l).toBeCloseTo(100, 3);
    expect(flat(0, 0, 0).mean_l).toBeCloseTo(0, 6);
    expect(flat(119, 119, 119).mean_l).toBeCloseTo(50, 0);
    expect(white.hist).toHaveLength(64);
    expect(white.hist[63]).toBe(1);
    expect(statsDistance(white, flat(0, 0, 0))).toBe(1);
    expect(statsDistance(white, white)).toBe(0);
  });
});

describe('detectShots', () => {
  const A: [number, number, number] = [200, 40, 40];
  const B: [number, number, number] = [40, 40, 200];
  const C: [number, number, number] = [40, 200, 40];

  it('finds a hard cut and a dissolve, and the shots between them', () => {
    const stats: FrameStats[] = [];
    for (let i = 0; i < 30; i++) stats.push(mix(A, A, 0));
    for (let i = 0; i < 30; i++) stats.push(mix(B, B, 0)); // cut at 30
    for (let i = 1; i <= 10; i++) stats.push(mix(B, C, i / 11)); // dissolve 60…69
    for (let i = 0; i < 30; i++) stats.push(mix(C, C, 0));
    const { cuts, shots } = detectShots(stats, 25);
    expect(cuts).toEqual([
      { frame: 30, time_s: 1.2, kind: 'cut', end_frame: 30 },
      { frame: 60, time_s: 2.4, kind: 'dissolve', end_frame: 69 },
    ]);
    expect(shots).toEqual([
      { index: 0, start_frame: 0, end_frame: 29 },
      { index: 1, start_frame: 30, end_frame: 59 },
      { index: 2, start_frame: 70, end_frame: 99 },
    ]);
  });

  it('ignores a flash shorter than the minimum shot length and slow drift', () => {
    const stats: FrameStats[] = [];
    for (let i = 0; i < 40; i++) stats.push(mix(A, B, i === 20 ? 1 : i / 400)); // one-frame flash, slow drift
    const { cuts } = detectShots(stats, 25);
    expect(cuts.map((c) => c.frame)).toEqual([20]);
    // the flash's return is within 15 frames of it: not a second change
  });

  it('returns one shot for a still clip', () => {
    expect(detectShots(Array.from({ length: 10 }, () => flat(9, 9, 9)), 30)).toEqual({ cuts: [], shots: [{ index: 0, start_frame: 0, end_frame: 9 }] });
    expect(shotsBetween([], 0)).toEqual([]);
  });
});

describe('LUT schedule', () => {
  const a = identityLut(5);
  const b = { ...identityLut(5), data: identityLut(5).data.map((v) => v * 0.5) };

  it('blends two LUTs linearly', () => {
    const half = blendLuts(a, b, 0.5);
    for (let i = 0; i < half.data.length; i++) expect(half.data[i]).toBeCloseTo(a.data[i] * 0.75, 6);
    expect(blendLuts(a, b, 0)).toBe(a);
    expect(blendLuts(a, b, 1)).toBe(b);
    expect(() => blendLuts(a, identityLut(9), 0.5)).toThrow(RangeError);
  });

  it('is constant inside shots and interpolates across a dissolve', () => {
    const s = lutSchedule([{ index: 0, start_frame: 0, end_frame: 9 }, { index: 1, start_frame: 13, end_frame: 20 }], [a, b]);
    expect(s.lutAt(0)).toBe(a);
    expect(s.lutAt(9)).toBe(a);
    expect(s.lutAt(13)).toBe(b);
    expect(s.lutAt(99)).toBe(b);
    // frames 10, 11, 12: t = 1/4, 2/4, 3/4
    const mid = s.lutAt(11);
    expect(mid.data[mid.data.length - 1]).toBeCloseTo(0.75, 6);
    expect(s.lutAt(10).data[a.data.length - 1]).toBeCloseTo(0.875, 6);
  });
});

describe('flicker', () => {
  it('measures the largest mean-L* step inside shots only, and what a grade adds', () => {
    const l = [50, 50.2, 50.1, 80, 80.3, 80.2];
    const stats = l.map((mean_l) => ({ mean_l, hist: [] }));
    const shots = [{ index: 0, start_frame: 0, end_frame: 2 }, { index: 1, start_frame: 3, end_frame: 5 }];
    expect(meanLightnessFlicker(stats, shots)).toBeCloseTo(0.3, 6);
    const graded = [40, 40.2, 40.1, 70, 71, 70.2].map((mean_l) => ({ mean_l, hist: [] }));
    expect(flickerExcess(stats, graded, shots)).toBeCloseTo(0.7, 6);
  });
});
