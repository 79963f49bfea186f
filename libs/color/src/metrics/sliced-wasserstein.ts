import { markBucket, selectPercentiles, sortMarkedBuckets } from '../stats/percentile';


export interface SlicedW1Options {
  /** Number of projection directions (the 3 axes plus a Fibonacci-sphere set). Default 64. */
  directions?: number;
  /** Points used from each set (deterministic stride subsample). Default 16384. */
  maxSamples?: number;
}

/**
 * Sliced 1-Wasserstein distance between two point clouds of packed triples:
 * the mean, over unit directions θ, of the 1-D W1 between the projections
 * ⟨x, θ⟩ — computed exactly from 256 matched quantiles per direction. It is a
 * true metric on distributions, sensitive to the whole joint shape (not only
 * marginals or moments), and in CIELAB its unit is ΔE76. Deterministic.
 */
export function slicedWasserstein(a: Float32Array, b: Float32Array, options: SlicedW1Options = {}): number {
  return slicedDistance(slicedQuantiles(a, options), slicedQuantiles(b, options));
}

/** Quantile levels per direction: (k + ½)/256. */
const LEVELS = 256;

/**
 * The quantiles of a point cloud's projections, direction by direction (`directions`
 * × 256 values): everything slicedWasserstein needs from one cloud, so a cloud that is
 * compared with several others (a match's reference, before and after) is projected
 * once. Clouds compared with `slicedDistance` must use the same options.
 */
export function slicedQuantiles(points: Float32Array, options: SlicedW1Options = {}): Float64Array {
  const dirs = sphereDirections(options.directions ?? 64);
  const p = subsample(points, options.maxSamples ?? 16384);
  const box = boxOf(p);
  const out = new Float64Array((dirs.length / 3) * LEVELS);
  for (let d = 0; d < dirs.length; d += 3) projectedQuantiles(p, box, dirs, d, out.subarray((d / 3) * LEVELS, (d / 3 + 1) * LEVELS));
  return out;
}

/** Sliced W1 between two clouds from their `slicedQuantiles` (same options on both). */
export function slicedDistance(qa: Float64Array, qb: Float64Array): number {
  if (qa.length !== qb.length || qa.length % LEVELS !== 0) throw new RangeError('slicedDistance: quantiles from different options');
  const directions = qa.length / LEVELS;
  let total = 0;
  for (let d = 0; d < directions; d++) {
    let s = 0;
    for (let k = d * LEVELS, end = k + LEVELS; k < end; k++) s += Math.abs(qa[k] - qb[k]);
    total += s / LEVELS;
  }
  return total / directions;
}

// ---- exact quantiles of a projection, in two passes over the points ----
//
// The quantiles at levels (k + ½)/256 of ⟨x, θ⟩ (type 7, as selectPercentiles
// computes them), without a min/max pass per direction: the projection's
// range is bounded by the cloud's bounding box (computed once), the first pass
// projects and counts into 4096 buckets over that range, the second gathers
// only the buckets holding the wanted order statistics, which are then sorted.
// The values are exact whatever the bucketing; only the work changes.

const BUCKETS = 4096;
const bucketCounts = new Int32Array(BUCKETS);
const bucketStarts = new Int32Array(BUCKETS + 1);
const bucketOffsets = new Int32Array(BUCKETS);
const bucketFill = new Int32Array(BUCKETS);
let proj = new Float64Array(16384);
let gathered = new Float64Array(4096);
let levelBuckets = new Int32Array(512);

function boxOf(p: Float32Array): number[] {
  const box = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let c = 0; c < 3; c++) {
      const v = p[i + c];
      if (v < box[c]) box[c] = v;
      if (v > box[3 + c]) box[3 + c] = v;
    }
  }
  return box;
}

function projectedQuantiles(p: Float32Array, box: number[], dirs: Float64Array, d: number, out: Float64Array): void {
  const n = p.length / 3;
  const x = dirs[d];
  const y = dirs[d + 1];
  const z = dirs[d + 2];
  // Range of the projection over the bounding box (slightly widened against rounding).
  let lo = 0;
  let hi = 0;
  for (let c = 0; c < 3; c++) {
    const t = dirs[d + c];
    const u = t * box[c];
    const v = t * box[3 + c];
    lo += u < v ? u : v;
    hi += u < v ? v : u;
  }
  const pad = 1e-9 * (Math.abs(lo) + Math.abs(hi)) + 1e-12;
  lo -= pad;
  hi += pad;
  const scale = BUCKETS / (hi - lo);
  if (proj.length < n) proj = new Float64Array(n);
  const v = proj;
  const counts = bucketCounts;
  counts.fill(0);
  for (let i = 0, j = 0; j < n; i += 3, j++) {
    const w = p[i] * x + p[i + 1] * y + p[i + 2] * z;
    v[j] = w;
    let b = ((w - lo) * scale) | 0;
    if (b < 0) b = 0;
    else if (b >= BUCKETS) b = BUCKETS - 1;
    counts[b]++;
  }
  const starts = bucketStarts;
  starts[0] = 0;
  for (let b = 0; b < BUCKETS; b++) starts[b + 1] = starts[b] + counts[b];
  // The wanted ranks increase with the level, so their buckets are found by
  // one walk along the cumulative counts.
  const levels = out.length;
  const offsets = bucketOffsets;
  const fill = bucketFill;
  const rankBucket = levelBuckets.length < 2 * levels ? (levelBuckets = new Int32Array(2 * levels)) : levelBuckets;
  offsets.fill(-1);
  let total = 0;
  let b = 0;
  for (let k = 0; k < 2 * levels; k++) {
    const h = ((n - 1) * ((k >> 1) + 0.5)) / levels;
    const rank = Math.min(n - 1, Math.floor(h) + (k & 1));
    while (starts[b + 1] <= rank) b++;
    rankBucket[k] = b;
    total = markBucket(b, counts, offsets, fill, total);
  }
  if (gathered.length < total) gathered = new Float64Array(Math.max(total, 2 * gathered.length));
  const g = gathered;
  for (let j = 0; j < n; j++) {
    const w = v[j];
    let q = ((w - lo) * scale) | 0;
    if (q < 0) q = 0;
    else if (q >= BUCKETS) q = BUCKETS - 1;
    if (offsets[q] >= 0) g[fill[q]++] = w;
  }
  sortMarkedBuckets(g, offsets, counts);
  for (let k = 0; k < levels; k++) {
    const h = ((n - 1) * (k + 0.5)) / levels;
    const r = Math.floor(h);
    const b0 = rankBucket[2 * k];
    const b1 = rankBucket[2 * k + 1];
    const a = g[offsets[b0] + r - starts[b0]];
    const c = g[offsets[b1] + Math.min(n - 1, r + 1) - starts[b1]];
    out[k] = a + (h - r) * (c - a);
  }
}

/** 1-D W1 per channel (the three axis terms alone), handy for diagnostics. */
export function marginalWasserstein(a: Float32Array, b: Float32Array): [number, number, number] {
  const levels = Array.from({ length: 256 }, (_, k) => ((k + 0.5) / 256) * 100);
  return [0, 1, 2].map((c) => {
    const qa = selectPercentiles(Float64Array.from({ length: a.length / 3 }, (_, i) => a[i * 3 + c]), levels);
    const qb = selectPercentiles(Float64Array.from({ length: b.length / 3 }, (_, i) => b[i * 3 + c]), levels);
    return qa.reduce((s, v, k) => s + Math.abs(v - qb[k]), 0) / levels.length;
  }) as [number, number, number];
}

/** The three axes, then points of a Fibonacci sphere on the upper hemisphere (θ and −θ give the same W1). */
function sphereDirections(count: number): Float64Array {
  const n = Math.max(3, count);
  const out = new Float64Array(n * 3);
  out.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const m = n - 3;
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < m; i++) {
    const z = 1 - (i + 0.5) / m; // (0, 1]: upper hemisphere
    const r = Math.sqrt(1 - z * z);
    out.set([r * Math.cos(golden * i), r * Math.sin(golden * i), z], (i + 3) * 3);
  }
  return out;
}

export function subsample(p: Float32Array, max: number): Float32Array {
  const n = p.length / 3;
  if (n <= max) return p;
  const out = new Float32Array(max * 3);
  const step = n / max;
  for (let k = 0; k < max; k++) {
    const i = Math.floor(k * step) * 3;
    out[k * 3] = p[i];
    out[k * 3 + 1] = p[i + 1];
    out[k * 3 + 2] = p[i + 2];
  }
  return out;
}
