/**
 * Percentiles by linear interpolation between order statistics (Hyndman &
 * Fan type 7, numpy's default): p in [0, 100].
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Percentiles of an unsorted array (the input is not modified). */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  return selectPercentiles(Float64Array.from(values as ArrayLike<number>), ps);
}

const BUCKETS = 4096;

// Scratch reused across calls (single-threaded, never re-entered): the
// function runs thousands of times per fit and allocation dominated it.
const counts = new Int32Array(BUCKETS);
const starts = new Int32Array(BUCKETS + 1);
const offsets = new Int32Array(BUCKETS);
const fill = new Int32Array(BUCKETS);
let gathered = new Float64Array(1024);

/**
 * Marks bucket b for gathering: lays it out after the `total` values already reserved in
 * the gather buffer (unless it is marked already, offsets[b] ≥ 0) and returns the new
 * total. Shared by selectOrderStatistics and the sliced-W1 quantiles.
 */
export function markBucket(b: number, counts: Int32Array, offsets: Int32Array, fill: Int32Array, total: number): number {
  if (offsets[b] >= 0) return total;
  offsets[b] = total;
  fill[b] = total;
  return total + counts[b];
}

/**
 * Sorts, in place, each bucket that bucket selection gathered into `g`: bucket b
 * holds g[offsets[b] … offsets[b] + counts[b]) and is unmarked when offsets[b] < 0.
 * Buckets usually hold a handful of values, so small ones take an insertion sort.
 * Shared by selectOrderStatistics and the sliced-W1 quantiles.
 */
export function sortMarkedBuckets(g: Float64Array, offsets: Int32Array, counts: Int32Array): void {
  for (let b = 0; b < offsets.length; b++) {
    const o = offsets[b];
    if (o < 0) continue;
    const end = o + counts[b];
    if (end - o > 32) g.subarray(o, end).sort();
    else {
      for (let i = o + 1; i < end; i++) {
        const v = g[i];
        let j = i - 1;
        while (j >= o && g[j] > v) {
          g[j + 1] = g[j];
          j--;
        }
        g[j + 1] = v;
      }
    }
  }
}

/**
 * Exact type-7 percentiles without a full sort: one pass buckets the values
 * by magnitude, a second gathers only the buckets holding the wanted order
 * statistics, and those few values are sorted. O(n) for any input.
 */
export function selectPercentiles(values: Float32Array | Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const hs = ps.map((p) => ((n - 1) * Math.min(100, Math.max(0, p))) / 100);
  const ranks: number[] = [];
  for (const h of hs) ranks.push(Math.floor(h), Math.min(n - 1, Math.floor(h) + 1));
  const at = selectOrderStatistics(values, ranks);
  return hs.map((h, k) => {
    const a = at[2 * k];
    return a + (h - Math.floor(h)) * (at[2 * k + 1] - a);
  });
}

/**
 * The order statistics of `values` at the given 0-based ranks (the k-th
 * smallest for each k), by the bucket selection below: O(n), the input is
 * not modified.
 */
export function selectOrderStatistics(values: Float32Array | Float64Array, ranks: readonly number[], stride = 1, offset = 0): number[] {
  // The values are values[offset + i·stride], i < n (a channel of packed samples without copying it).
  const n = Math.floor((values.length - offset + stride - 1) / stride);
  if (n <= 0) return ranks.map(() => NaN);
  const end = offset + n * stride;
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < end; i += stride) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) return ranks.map(() => min);
  const scale = (BUCKETS - 1e-6) / (max - min);
  counts.fill(0);
  for (let i = offset; i < end; i += stride) counts[((values[i] - min) * scale) | 0]++;
  starts[0] = 0;
  for (let b = 0; b < BUCKETS; b++) starts[b + 1] = starts[b] + counts[b];
  const bucketOf = (rank: number): number => {
    let lo = 0;
    let hi = BUCKETS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid + 1] > rank) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // Mark the buckets holding the wanted ranks and lay them out contiguously.
  offsets.fill(-1);
  let total = 0;
  for (const rank of ranks) total = markBucket(bucketOf(rank), counts, offsets, fill, total);
  if (gathered.length < total) gathered = new Float64Array(Math.max(total, 2 * gathered.length));
  const g = gathered;
  for (let i = offset; i < end; i += stride) {
    const v = values[i];
    const b = ((v - min) * scale) | 0;
    if (offsets[b] >= 0) g[fill[b]++] = v;
  }
  sortMarkedBuckets(g, offsets, counts);
  return ranks.map((rank) => {
    const b = bucketOf(rank);
    return g[offsets[b] + rank - starts[b]];
  });
}
