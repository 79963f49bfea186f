import { selectPercentiles } from './percentile';

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
  const [p1, p5, p25, p50, p75, p95, p99] = selectPercentiles(values, STAT_PERCENTILES);
  return {
    mean,
    std: n ? Math.sqrt(ss / n) : NaN,
    min: n ? min : NaN,
    max: n ? max : NaN,
    percentiles: { p1, p5, p25, p50, p75, p95, p99 },
  };
}
