import { imageToRgbFloat } from '../image/image-float';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { castImage, sceneImage } from '../test-support/synthetic';
import { createGaussianRng, createRng } from '../util/rng';
import { colorGap, colorGapBetween, colorGapProfile, wassersteinLab } from './color-gap';
import { labHistogramDistance } from './histogram-distance';
import { marginalWasserstein, slicedDistance, slicedQuantiles, slicedWasserstein } from './sliced-wasserstein';
import { gradientCorrelation, ssim } from './structure';

describe('sliced W1', () => {
  const g = createGaussianRng(4);
  const cloud = new Float32Array(30000).map((_, i) => [50, 0, 0][i % 3] + 10 * g());

  it('is 0 for identical clouds and |t|·E|cos θ| ≈ |t|/2 for a translation', () => {
    expect(slicedWasserstein(cloud, cloud)).toBe(0);
    const shifted = cloud.map((v, i) => (i % 3 === 0 ? v + 10 : v));
    expect(slicedWasserstein(cloud, shifted)).toBeCloseTo(5, 0);
    expect(marginalWasserstein(cloud, shifted)[0]).toBeCloseTo(10, 1);
    expect(marginalWasserstein(cloud, shifted)[1]).toBeCloseTo(0, 6);
  });

  it('is symmetric and sees shape, not only moments', () => {
    const u = createRng(8);
    const uniform = new Float32Array(30000).map((_, i) => (i % 3 === 0 ? 50 + (u() - 0.5) * 10 * Math.sqrt(12) : 0));
    const normal = new Float32Array(30000).map((_, i) => (i % 3 === 0 ? 50 + 10 * g() : 0));
    const d = slicedWasserstein(uniform, normal);
    expect(d).toBeGreaterThan(0.3);
    expect(Math.abs(d - slicedWasserstein(normal, uniform))).toBeLessThan(1e-9);
  });
});

describe('histogram distance and structure measures', () => {
  it('Hellinger: 0 for equal histograms, 1 for disjoint ones', () => {
    const a = new Float32Array([20, 0, 0, 30, 5, 5]);
    expect(labHistogramDistance(a, a)).toBeCloseTo(0, 9);
    expect(labHistogramDistance(a, new Float32Array([90, 60, 60, 95, -60, -60]))).toBeCloseTo(1, 9);
  });

  it('gradient correlation: 1 for an increasing affine map, −1 for an inversion', () => {
    const img = sceneImage(40, 30, 2);
    const L = Float32Array.from(srgbToLabBuffer(imageToRgbFloat(img)).filter((_, i) => i % 3 === 0));
    expect(gradientCorrelation(L, L.map((v) => 2 * v + 3), 40, 30)).toBeCloseTo(1, 9);
    expect(gradientCorrelation(L, L.map((v) => 100 - v), 40, 30)).toBeCloseTo(-1, 9);
    expect(ssim(L, L, 40, 30)).toBeCloseTo(1, 9);
    expect(ssim(L, L.map((v) => 100 - v), 40, 30)).toBeLessThan(0.2);
    expect(() => ssim(L, L, 10, 10)).toThrow(/size mismatch/);
  });
});

describe('colour gap between two images', () => {
  it('is zero for an image and itself and grows with a cast', () => {
    const a = sceneImage(60, 40, 3);
    expect(colorGap(a, a)).toEqual({ w1Lab: 0, meanDeltaE2000: 0, paletteDeltaE2000: 0 });
    const mild = colorGap(a, castImage(a, [1.1, 1, 0.9]));
    const strong = colorGap(a, castImage(a, [1.4, 1, 0.6]));
    expect(strong.w1Lab).toBeGreaterThan(mild.w1Lab);
    expect(strong.meanDeltaE2000).toBeGreaterThan(mild.meanDeltaE2000);
    expect(strong.paletteDeltaE2000).toBeGreaterThan(mild.paletteDeltaE2000);
    expect(wassersteinLab(a, a)).toBe(0);
  });

  it('compares profiles computed once exactly as it compares the images', () => {
    const reference = sceneImage(300, 200, 5);
    const before = castImage(reference, [1.3, 1, 0.7]);
    const after = castImage(reference, [1.05, 1, 0.95]);
    const options = { proxySize: 128, maxSamples: 4096 };
    const profile = colorGapProfile(reference, options);
    expect(colorGapBetween(colorGapProfile(before, options), profile)).toEqual(colorGap(before, reference, options));
    expect(colorGapBetween(colorGapProfile(after, options), profile)).toEqual(colorGap(after, reference, options));
  });

  it('measures on a sample close to what the full proxy gives', () => {
    const reference = sceneImage(400, 300, 6);
    const target = castImage(reference, [1.3, 1, 0.7]);
    const full = colorGap(target, reference);
    const sampled = colorGap(target, reference, { proxySize: 256, maxSamples: 4096 });
    expect(Math.abs(sampled.w1Lab - full.w1Lab)).toBeLessThan(0.05 * full.w1Lab);
    expect(Math.abs(sampled.meanDeltaE2000 - full.meanDeltaE2000)).toBeLessThan(0.05 * full.meanDeltaE2000);
    // k-means palettes move between local optima with the sample (±20 % on photos, even 512 → 256 px alone).
    expect(Math.abs(sampled.paletteDeltaE2000 - full.paletteDeltaE2000)).toBeLessThan(0.3 * full.paletteDeltaE2000);
  });
});

describe('sliced quantiles', () => {
  it('refuse to compare clouds projected with different options', () => {
    const cloud = new Float32Array(3000).map((_, i) => (i * 37) % 100);
    expect(() => slicedDistance(slicedQuantiles(cloud, { directions: 8 }), slicedQuantiles(cloud))).toThrow(/different options/);
    expect(slicedDistance(slicedQuantiles(cloud), slicedQuantiles(cloud))).toBe(0);
  });
});
