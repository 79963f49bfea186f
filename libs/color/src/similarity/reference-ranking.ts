import { deltaE2000 } from '../space/delta-e';
import type { ReferenceProfile } from './reference-profile';

/**
 * Which reference suits a shot: the maths (libs/color/README.md, "Reference ranking").
 *
 * Distance of a reference R to the shot S, in CIELAB units, from their profiles only:
 *   D = W₁(L*) + W₁(a*) + W₁(b*) + 0.05 · |Δmired|
 * W₁ is the 1-D Wasserstein (earth mover's) distance between the two distributions of a
 * channel, estimated from the profiles' quantiles: W₁ ≈ mean over k of |q_S,k − q_R,k|.
 * The mired term adds the white points' difference (100 mired — 5000 K against 3333 K —
 * counts 5 units, like a 5-unit shift of a* for every pixel). score = exp(−D / 20): 1 for the
 * same image, ≈ 0.5 at D ≈ 14, ≈ 0.1 at D ≈ 46.
 *
 * The gap a match would leave: a match moves the shot's mean and spread onto the
 * reference's (and the engine's methods move more: the whole distribution), so what
 * remains is at most the difference of the *shapes*: per channel the mean of
 * |z_S,k − z_R,k| · σ_S over the quantiles standardised (z = (q − μ)/σ), summed over
 * L*, a*, b*. It is an upper bound of what /match leaves, reported beside the gap before
 * (ΔE2000 of the means).
 */
export const SIMILARITY_SCALE = 20;
export const MIRED_WEIGHT = 0.05;

export type ReferenceSort = 'similarity' | 'colour' | 'brightness' | 'warmth';

export interface SimilarityScore {
  /** exp(−D / 20), 0–1. */
  score: number;
  /** D and its parts: tone (W₁ of L*), colour (W₁ of a* + b*), white (0.05 · |Δmired|). */
  distance: number;
  tone: number;
  colour: number;
  white: number;
}

export interface MatchGapEstimate {
  /** ΔE2000 between the mean colours, today. */
  before: number;
  /** What a mean-and-spread transfer would leave (an upper bound of /match's), CIELAB units. */
  afterEstimate: number;
}

function w1(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += Math.abs(a[k] - b[k]);
  return sum / a.length;
}

export function similarityBetween(shot: ReferenceProfile, reference: ReferenceProfile): SimilarityScore {
  const tone = w1(shot.quantiles.l, reference.quantiles.l);
  const colour = w1(shot.quantiles.a, reference.quantiles.a) + w1(shot.quantiles.b, reference.quantiles.b);
  const white = MIRED_WEIGHT * Math.abs(shot.whiteMired - reference.whiteMired);
  const distance = tone + colour + white;
  return { score: Math.exp(-distance / SIMILARITY_SCALE), distance, tone, colour, white };
}

function shapeGap(qs: readonly number[], qr: readonly number[], ms: number, ss: number, mr: number, sr: number): number {
  const safeS = Math.max(ss, 1e-3);
  const safeR = Math.max(sr, 1e-3);
  let sum = 0;
  for (let k = 0; k < qs.length; k++) sum += Math.abs((qs[k] - ms) / safeS - (qr[k] - mr) / safeR);
  return (sum / qs.length) * ss;
}

export function matchGapEstimate(shot: ReferenceProfile, reference: ReferenceProfile): MatchGapEstimate {
  const [ms, mr] = [shot.meanLab, reference.meanLab];
  const [ss, sr] = [shot.stdLab, reference.stdLab];
  const channels = ['l', 'a', 'b'] as const;
  const afterEstimate = channels.reduce((sum, c, i) => sum + shapeGap(shot.quantiles[c], reference.quantiles[c], ms[i], ss[i], mr[i], sr[i]), 0);
  return { before: deltaE2000(ms[0], ms[1], ms[2], mr[0], mr[1], mr[2]), afterEstimate };
}

/** Hue angle of the mean colour in degrees 0–360; near-greys (chroma < 4) sort after every hue. */
function hueKey(profile: ReferenceProfile): number {
  const [, a, b] = profile.meanLab;
  if (Math.hypot(a, b) < 4) return 1000;
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  return h < 0 ? h + 360 : h;
}

export interface Ranked<T> {
  item: T;
  /** null unless sorted by similarity (or a shot was given). */
  similarity: SimilarityScore | null;
}

/**
 * The references ordered for a listing: by similarity to `shot` (best first), by the mean
 * colour's hue (red → yellow → green → blue → magenta, greys last), by brightness (mean L*,
 * brightest first) or by warmth (warmest first). Ties keep the input order (the caller's
 * `position`), so the order is stable. With a shot, every item carries its score whatever
 * the sort. O(n log n); 5,000 references rank in about a millisecond (bench/library).
 */
export function rankReferences<T>(
  references: readonly { item: T; profile: ReferenceProfile }[],
  sort: ReferenceSort,
  shot: ReferenceProfile | null = null,
): Ranked<T>[] {
  if (sort === 'similarity' && !shot) throw new RangeError('sort=similarity needs a shot profile');
  const keyed = references.map((r, index) => {
    const similarity = shot ? similarityBetween(shot, r.profile) : null;
    let key: number;
    switch (sort) {
      case 'similarity':
        key = -(similarity as SimilarityScore).score;
        break;
      case 'colour':
        key = hueKey(r.profile);
        break;
      case 'brightness':
        key = -r.profile.meanLab[0];
        break;
      case 'warmth':
        key = -r.profile.warmth;
        break;
    }
    return { key, index, ranked: { item: r.item, similarity } };
  });
  keyed.sort((x, y) => x.key - y.key || x.index - y.index);
  return keyed.map((k) => k.ranked);
}
