import { applyLut } from '../lut/lut-apply';
import { imageToRgbFloat } from '../image/image-float';
import { RgbImage } from '../image/rgb-image';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { deltaE2000 } from '../space/delta-e';
import { castImage, sceneImage } from '../test-support/synthetic';
import { wassersteinLab } from '../metrics/color-gap';
import { matchColors } from './match-colors';
import { MATCH_METHODS, resolveMatchParams } from './match-params';
import { fitMkl, applyAffine3, meanCov } from './mkl';
import { curveFromKnots, evalCurve, transferCurve } from './transfer-curve';
import { createGaussianRng } from '../util/rng';

function meanDeltaE(a: RgbImage, b: RgbImage): number {
  const la = srgbToLabBuffer(imageToRgbFloat(a));
  const lb = srgbToLabBuffer(imageToRgbFloat(b));
  let s = 0;
  for (let i = 0; i < la.length; i += 3) s += deltaE2000(la[i], la[i + 1], la[i + 2], lb[i], lb[i + 1], lb[i + 2]);
  return s / (la.length / 3);
}

describe('MKL (Pitié 2007)', () => {
  it('maps a Gaussian cloud onto the reference mean and covariance', () => {
    const g = createGaussianRng(3);
    const src = new Float32Array(30000).map((_, i) => [0.5, 0.3, 0.2][i % 3] + [0.1, 0.05, 0.02][i % 3] * g());
    const ref = new Float32Array(30000);
    for (let i = 0; i < ref.length; i += 3) {
      const u = g();
      const v = g();
      const w = g();
      ref[i] = 0.4 + 0.08 * u;
      ref[i + 1] = 0.5 + 0.04 * u + 0.05 * v;
      ref[i + 2] = 0.3 + 0.03 * w;
    }
    const mapped = applyAffine3(fitMkl(src, ref), src.slice());
    const a = meanCov(mapped);
    const b = meanCov(ref);
    a.mean.forEach((m, i) => expect(m).toBeCloseTo(b.mean[i], 6));
    a.cov.forEach((c, i) => expect(c).toBeCloseTo(b.cov[i], 6));
  });
});

describe('transfer curves', () => {
  it('are monotone, slope-bounded and recover an affine relation', () => {
    const g = createGaussianRng(5);
    const src = Float64Array.from({ length: 5000 }, () => g());
    const ref = src.map((x) => 2 * x + 1);
    const c = transferCurve(src, ref, { minSlope: 0.25, maxSlope: 4 });
    for (const x of [-1, 0, 0.5, 1]) expect(evalCurve(c, x)).toBeCloseTo(2 * x + 1, 1);
    const steep = curveFromKnots([0, 1, 1.01, 2], [0, 0.1, 5, 5.1], { minSlope: 0.5, maxSlope: 2, smoothing: 0 });
    let prev = -Infinity;
    for (let x = -0.5; x <= 2.5; x += 0.01) {
      const y = evalCurve(steep, x);
      expect(y).toBeGreaterThanOrEqual(prev);
      if (prev > -Infinity) expect(y - prev).toBeLessThanOrEqual(2 * 0.01 + 1e-9);
      prev = y;
    }
  });
});

describe('matchColors', () => {
  const target = sceneImage(96, 64, 7);
  const reference = castImage(sceneImage(80, 60, 11), [1.4, 1.0, 0.6]);

  it.each(MATCH_METHODS)('%s: an image matched to itself stays the identity within 1 ΔE2000', (method) => {
    const { lut } = matchColors(target, target, { method, params: { lutSize: 17 } });
    expect(meanDeltaE(applyLut(target, lut), target)).toBeLessThan(1);
  });

  it.each(MATCH_METHODS)('%s: moves the target toward the reference and is deterministic', (method) => {
    const a = matchColors(target, reference, { method, params: { lutSize: 17 } });
    const b = matchColors(target, reference, { method, params: { lutSize: 17 } });
    expect(Array.from(a.lut.data)).toEqual(Array.from(b.lut.data));
    const out = applyLut(target, a.lut);
    expect(wassersteinLab(out, reference)).toBeLessThan(0.5 * wassersteinLab(target, reference));
  });

  it('removes a uniform cast relative to an uncast reference (natural)', () => {
    const cast = castImage(target, [0.7, 1.0, 1.35]);
    const out = applyLut(cast, matchColors(cast, target, { params: { lutSize: 17 } }).lut);
    expect(meanDeltaE(out, target)).toBeLessThan(0.5 * meanDeltaE(cast, target));
  });

  it('strength 0 is the identity; strength scales the change', () => {
    const zero = applyLut(target, matchColors(target, reference, { params: { strength: 0, lutSize: 17 } }).lut);
    expect(meanDeltaE(zero, target)).toBeLessThan(0.3);
    const half = applyLut(target, matchColors(target, reference, { params: { strength: 0.5, lutSize: 17 } }).lut);
    const full = applyLut(target, matchColors(target, reference, { params: { lutSize: 17 } }).lut);
    expect(meanDeltaE(half, target)).toBeLessThan(meanDeltaE(full, target));
    expect(meanDeltaE(half, target)).toBeGreaterThan(0.3 * meanDeltaE(full, target));
  });

  it('luminanceTransfer 0 keeps the target lightness; saturation 0 gives greys', () => {
    const keep = applyLut(target, matchColors(target, reference, { params: { luminanceTransfer: 0, lutSize: 17 } }).lut);
    const lt = srgbToLabBuffer(imageToRgbFloat(target));
    const lk = srgbToLabBuffer(imageToRgbFloat(keep));
    let dL = 0;
    for (let i = 0; i < lt.length; i += 3) dL += Math.abs(lt[i] - lk[i]);
    expect(dL / (lt.length / 3)).toBeLessThan(1.5);
    const grey = applyLut(target, matchColors(target, reference, { params: { saturation: 0, lutSize: 17 } }).lut);
    let chroma = 0;
    const lg = srgbToLabBuffer(imageToRgbFloat(grey));
    for (let i = 0; i < lg.length; i += 3) chroma += Math.hypot(lg[i + 1], lg[i + 2]);
    expect(chroma / (lg.length / 3)).toBeLessThan(1.5);
  });

  it('bakes at the requested LUT size', () => {
    expect(matchColors(target, reference, { params: { lutSize: 17 } }).lut.size).toBe(17);
  });
});

describe('resolveMatchParams', () => {
  it('fills defaults and accepts booleans', () => {
    expect(resolveMatchParams('natural', { preserveSkinTones: true })).toEqual({
      strength: 1,
      luminanceTransfer: 1,
      saturation: 1,
      contrast: 0,
      preserveSkinTones: 1,
      preserveNeutrals: 0,
      lutSize: 33,
      seed: 42,
    });
  });
  it.each([
    [{ strength: 1.5 }, /params.strength must be a number in 0..1/],
    [{ saturation: -1 }, /params.saturation/],
    [{ lutSize: 200 }, /params.lutSize/],
    [{ lutSize: 16.5 }, /LUT size must be an integer/],
    [{ seed: 1.5 }, /seed/],
  ])('rejects %j', (params, message) => {
    expect(() => resolveMatchParams('smooth', params)).toThrow(message);
  });
  it('rejects unknown methods', () => {
    expect(() => resolveMatchParams('fancy' as never)).toThrow(/method must be one of natural, direct, smooth, balanced/);
  });
});
