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

/**
 * Exact type-7 percentiles without a full sort: one pass buckets the values
 * by magnitude, a second gathers only the buckets holding the wanted order
 * statistics, and those few values are sorted. O(n) for any input.
 */
export function selectPercentiles(values: Float32Array | Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const hs = ps.map((p) => ((n - 1) * Math.min(100, Math.max(0, p))) / 100);
  if (max === min) return hs.map(() => min);
  const scale = (BUCKETS - 1e-6) / (max - min);
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[((values[i] - min) * scale) | 0]++;
  const starts = new Int32Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++) starts[b + 1] = starts[b] + counts[b];

  const ranks = new Set<number>();
  for (const h of hs) {
    ranks.add(Math.floor(h));
    ranks.add(Math.min(n - 1, Math.floor(h) + 1));
  }
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
  // Gather the wanted buckets into typed arrays sized by their counts.
  const slot = new Int32Array(BUCKETS).fill(-1);
  const lists: Float64Array[] = [];
  for (const r of ranks) {
    const b = bucketOf(r);
    if (slot[b] < 0) {
      slot[b] = lists.length;
      lists.push(new Float64Array(counts[b]));
    }
  }
  const fill = new Int32Array(lists.length);
  for (let i = 0; i < n; i++) {
    const k = slot[((values[i] - min) * scale) | 0];
    if (k >= 0) lists[k][fill[k]++] = values[i];
  }
  for (const list of lists) list.sort();
  const at = (rank: number): number => {
    const b = bucketOf(rank);
    return lists[slot[b]][rank - starts[b]];
  };
  return hs.map((h) => {
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    const a = at(lo);
    return a + (h - lo) * (at(hi) - a);
  });
}
