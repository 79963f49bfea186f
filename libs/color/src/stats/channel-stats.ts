import { selectOrderStatistics } from './percentile';

/** The percentiles every channel summary reports. */
export const STAT_PERCENTILES = [1, 5, 25, 50, 75, 95, 99] as const;

export interface Percentiles {
  p1: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

export interface ChannelStats {
  mean: number;
  /** Population standard deviation. */
  std: number;
  min: number;
  max: number;
  percentiles: Percentiles;
}

/**
 * Mean, std, extremes and percentiles of channel `c` of packed `stride`-wide
 * samples, multiplied by `scale` (e.g. 255 to report RGB on the 0–255 scale).
 */
export function channelStats(samples: Float32Array, c: number, stride = 3, scale = 1): ChannelStats {
  const n = Math.floor(samples.length / stride);
  if (scale === 1) return unscaledStats(samples, c, stride, n);
  const values = new Float32Array(n);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = samples[i * stride + c] * scale;
    values[i] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  return summary(n, mean, ss, min, max, (ranks) => selectOrderStatistics(values, ranks));
}

/** channelStats with scale 1: straight from the packed samples, no copy of the channel. */
function unscaledStats(samples: Float32Array, c: number, stride: number, n: number): ChannelStats {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const end = c + n * stride;
  for (let i = c; i < end; i += stride) {
    const v = samples[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = c; i < end; i += stride) ss += (samples[i] - mean) * (samples[i] - mean);
  return summary(n, mean, ss, min, max, (ranks) => selectOrderStatistics(samples.subarray(0, end), ranks, stride, c));
}

function summary(n: number, mean: number, ss: number, min: number, max: number, order: (ranks: number[]) => number[]): ChannelStats {
  const hs = STAT_PERCENTILES.map((p) => ((n - 1) * p) / 100);
  const ranks: number[] = [];
  for (const h of hs) ranks.push(Math.floor(h), Math.min(n - 1, Math.floor(h) + 1));
  const at = n ? order(ranks) : ranks.map(() => NaN);
  const [p1, p5, p25, p50, p75, p95, p99] = hs.map((h, k) => at[2 * k] + (h - Math.floor(h)) * (at[2 * k + 1] - at[2 * k]));
  return {
    mean,
    std: n ? Math.sqrt(ss / n) : NaN,
    min: n ? min : NaN,
    max: n ? max : NaN,
    percentiles: { p1, p5, p25, p50, p75, p95, p99 },
  };
}

/**
 * channelStats of values that are whole codes 0–255, from their 256-bin
 * histogram (n = Σ counts): the same figures — order statistics are codes, so
 * type-7 percentiles come straight from the cumulative counts — without
 * touching the pixels again. analyzeImage uses it for 8-bit RGB.
 */
export function channelStatsFromHistogram(hist: ArrayLike<number>): ChannelStats {
  let n = 0;
  let sum = 0;
  let min = -1;
  let max = -1;
  for (let v = 0; v < 256; v++) {
    const c = hist[v];
    if (c === 0) continue;
    n += c;
    sum += c * v;
    if (min < 0) min = v;
    max = v;
  }
  if (n === 0) {
    return { mean: NaN, std: NaN, min: NaN, max: NaN, percentiles: { p1: NaN, p5: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN, p99: NaN } };
  }
  const mean = sum / n;
  let ss = 0;
  for (let v = 0; v < 256; v++) if (hist[v]) ss += hist[v] * (v - mean) * (v - mean);
  // Order statistic of rank r (0-based): the code whose cumulative count first exceeds r.
  const cumulative = new Float64Array(256);
  let acc = 0;
  for (let v = 0; v < 256; v++) cumulative[v] = acc += hist[v];
  const at = (rank: number): number => {
    let v = 0;
    while (cumulative[v] <= rank) v++;
    return v;
  };
  const [p1, p5, p25, p50, p75, p95, p99] = STAT_PERCENTILES.map((p) => {
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    const a = at(lo);
    return a + (h - lo) * (at(Math.min(n - 1, lo + 1)) - a);
  });
  return { mean, std: Math.sqrt(ss / n), min, max, percentiles: { p1, p5, p25, p50, p75, p95, p99 } };
}
