import { selectPercentiles } from '../stats/percentile';

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
  const dirs = sphereDirections(options.directions ?? 64);
  const max = options.maxSamples ?? 16384;
  const pa = subsample(a, max);
  const pb = subsample(b, max);
  const levels = Array.from({ length: 256 }, (_, k) => ((k + 0.5) / 256) * 100);
  const projA = new Float64Array(pa.length / 3);
  const projB = new Float64Array(pb.length / 3);
  let total = 0;
  for (let d = 0; d < dirs.length; d += 3) {
    project(pa, dirs, d, projA);
    project(pb, dirs, d, projB);
    const qa = selectPercentiles(projA, levels);
    const qb = selectPercentiles(projB, levels);
    let s = 0;
    for (let k = 0; k < levels.length; k++) s += Math.abs(qa[k] - qb[k]);
    total += s / levels.length;
  }
  return total / (dirs.length / 3);
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

function project(p: Float32Array, dirs: Float64Array, d: number, out: Float64Array): void {
  const x = dirs[d];
  const y = dirs[d + 1];
  const z = dirs[d + 2];
  for (let i = 0, j = 0; j < out.length; i += 3, j++) out[j] = p[i] * x + p[i + 1] * y + p[i + 2] * z;
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
