import { castImage, sceneImage, solidImage } from '../test-support/synthetic';
import { PROFILE_BINS, PROFILE_QUANTILES, referenceProfile } from './reference-profile';
import { matchGapEstimate, rankReferences, similarityBetween } from './reference-ranking';

const shot = sceneImage(160, 120, 3);
/** The shot under ever warmer light: a known order of suitability. */
const warmer = (k: number) => castImage(shot, [1 + 0.25 * k, 1, 1 - 0.18 * k]);

describe('reference profiles', () => {
  it('keeps normalised Lab histograms, sorted quantiles, exposure, white point, warmth and a palette', () => {
    const p = referenceProfile(shot);
    for (const h of [p.hist.l, p.hist.a, p.hist.b]) {
      expect(h).toHaveLength(PROFILE_BINS);
      expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
    for (const q of [p.quantiles.l, p.quantiles.a, p.quantiles.b]) {
      expect(q).toHaveLength(PROFILE_QUANTILES);
      expect([...q].sort((a, b) => a - b)).toEqual(q);
    }
    expect(p.exposure.p5).toBeLessThan(p.exposure.p50);
    expect(p.exposure.p50).toBeLessThan(p.exposure.p95);
    expect(Math.abs(p.exposure.p50 - p.quantiles.l[7])).toBeLessThan(100 / PROFILE_BINS); // the histogram's median ≈ the exact one
    expect(p.whiteMired).toBeCloseTo(1e6 / p.whiteCctKelvin, 0);
    expect(p.palette.length).toBeGreaterThan(0);
    expect(referenceProfile(warmer(1)).warmth).toBeGreaterThan(p.warmth);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p); // stored as JSON as it is
  });
});

describe('reference ranking', () => {
  const shotProfile = referenceProfile(shot);

  it('scores the shot itself 1 and falls off with the colour difference', () => {
    expect(similarityBetween(shotProfile, shotProfile)).toMatchObject({ score: 1, distance: 0 });
    const scores = [0.5, 1, 2].map((k) => similarityBetween(shotProfile, referenceProfile(warmer(k))).score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(scores[2]).toBeGreaterThan(0);
  });

  it('ranks references in the known order: the same light first, then ever warmer, a flat grey and black last', () => {
    const refs = [
      { item: 'black', profile: referenceProfile(solidImage(64, 64, [0, 0, 0])) },
      { item: 'warm 2', profile: referenceProfile(warmer(2)) },
      { item: 'same', profile: referenceProfile(sceneImage(160, 120, 3)) },
      { item: 'warm 1', profile: referenceProfile(warmer(1)) },
      { item: 'warm 0.5', profile: referenceProfile(warmer(0.5)) },
    ];
    const ranked = rankReferences(refs, 'similarity', shotProfile);
    expect(ranked.map((r) => r.item)).toEqual(['same', 'warm 0.5', 'warm 1', 'warm 2', 'black']);
    expect(ranked[0].similarity?.score).toBeCloseTo(1, 6);
  });

  it('sorts by brightness, warmth and hue without a shot, ties in the given order', () => {
    const dark = { item: 'dark', profile: referenceProfile(solidImage(8, 8, [40, 40, 40])) };
    const light = { item: 'light', profile: referenceProfile(solidImage(8, 8, [220, 220, 220])) };
    const red = { item: 'red', profile: referenceProfile(solidImage(8, 8, [200, 40, 40])) };
    const blue = { item: 'blue', profile: referenceProfile(solidImage(8, 8, [40, 60, 200])) };
    const green = { item: 'green', profile: referenceProfile(solidImage(8, 8, [40, 180, 60])) };
    expect(rankReferences([dark, light, red], 'brightness').map((r) => r.item)).toEqual(['light', 'red', 'dark']);
    expect(rankReferences([blue, red, dark], 'warmth').map((r) => r.item)).toEqual(['red', 'dark', 'blue']);
    expect(rankReferences([dark, blue, green, red], 'colour').map((r) => r.item)).toEqual(['red', 'green', 'blue', 'dark']);
    const twin = { item: 'twin', profile: dark.profile };
    expect(rankReferences([dark, twin], 'brightness').map((r) => r.item)).toEqual(['dark', 'twin']);
    expect(rankReferences([dark], 'brightness')[0].similarity).toBeNull();
    expect(() => rankReferences([dark], 'similarity')).toThrow(RangeError);
  });

  it('estimates the gap a match would leave: none for a shifted copy, more for a different scene', () => {
    const shifted = matchGapEstimate(shotProfile, referenceProfile(warmer(1)));
    expect(shifted.before).toBeGreaterThan(5);
    const other = matchGapEstimate(shotProfile, referenceProfile(sceneImage(160, 120, 11)));
    expect(other.afterEstimate).toBeGreaterThan(shifted.afterEstimate);
    expect(matchGapEstimate(shotProfile, shotProfile)).toEqual({ before: 0, afterEstimate: 0 });
  });
});
