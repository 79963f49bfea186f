import { oklabToSrgb, srgbToOklabBuffer } from '../space/convert-buffer';
import { createRng } from '../util/rng';

export interface PaletteColor {
  /** '#rrggbb' */
  hex: string;
  /** 0–255 sRGB */
  rgb: [number, number, number];
  oklab: [number, number, number];
  /** Share of the image's pixels nearest to this colour, 0–1. */
  fraction: number;
}

export interface PaletteOptions {
  k?: number;
  seed?: number;
  /** Pixels used to fit the centres (all pixels are assigned for fractions). Default 16384. */
  maxSamples?: number;
  maxIterations?: number;
}

/**
 * Dominant colours by k-means in Oklab (where Euclidean distance ≈ perceived
 * difference). Deterministic: k-means++ seeding from a seeded generator over a
 * fixed subsample; Lloyd iterations until assignments stop changing (with
 * Hamerly's bounds, which skip the points whose nearest centre provably did
 * not change — the same iterations and result, a fraction of the distances).
 * Clusters that end up empty are dropped, so a flat image yields fewer than k.
 * Sorted by fraction, descending.
 */
export function dominantPalette(rgb: Float32Array, options: PaletteOptions = {}): PaletteColor[] {
  const k = Math.max(1, Math.floor(options.k ?? 5));
  const seed = options.seed ?? 42;
  const n = rgb.length / 3;
  if (n === 0) return [];
  const lab = srgbToOklabBuffer(rgb);
  const maxSamples = options.maxSamples ?? 16384;
  const stride = Math.max(1, Math.floor(n / maxSamples));
  const m = Math.floor((n - 1) / stride) + 1;
  const sample = new Float32Array(m * 3);
  for (let i = 0, j = 0; i < m; i++, j += stride * 3) {
    sample[i * 3] = lab[j];
    sample[i * 3 + 1] = lab[j + 1];
    sample[i * 3 + 2] = lab[j + 2];
  }

  const centres = kMeansPlusPlus(sample, k, createRng(seed));
  lloyd(sample, centres, options.maxIterations ?? 40);
  const counts = new Float64Array(centres.length / 3);
  for (let i = 0; i < n; i++) counts[nearest(lab, i, centres)]++;
  const out: PaletteColor[] = [];
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    const L = centres[c * 3];
    const a = centres[c * 3 + 1];
    const b = centres[c * 3 + 2];
    const rgb8 = oklabToSrgb(L, a, b).map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) as [number, number, number];
    out.push({ hex: toHex(rgb8), rgb: rgb8, oklab: [L, a, b], fraction: counts[c] / n });
  }
  return out.sort((x, y) => y.fraction - x.fraction || y.oklab[0] - x.oklab[0]);
}

export function toHex([r, g, b]: readonly number[]): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

/**
 * Lloyd's k-means on `points` from `centres` (updated in place) until no
 * assignment changes, at most `iterations` rounds. Hamerly (2010): each point
 * keeps an upper bound on the distance to its centre and a lower bound on the
 * distance to every other; when the upper bound is below both the lower bound
 * and half the distance from its centre to the nearest other centre, the
 * assignment cannot change and no distance is computed. Otherwise the point
 * is rescanned exactly as plain Lloyd does (`nearest`, same tie rule), so
 * every round's assignments — and the centres — equal plain Lloyd's. Bounds
 * carry a relative margin of 1e-9 against rounding.
 */
function lloyd(points: Float32Array, centres: Float64Array, iterations: number): void {
  const m = points.length / 3;
  const k = centres.length / 3;
  const assign = new Int32Array(m).fill(-1);
  const upper = new Float64Array(m);
  const lower = new Float64Array(m);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const sums = new Float64Array(centres.length);
  const counts = new Float64Array(k);
  const old = new Float64Array(centres.length);
  let max1 = 0; // largest centre move of the last round, and the runner-up
  let max2 = 0;
  let arg1 = -1;
  for (let it = 0; it < iterations; it++) {
    // Half the distance from each centre to its nearest other centre.
    for (let a = 0; a < k; a++) {
      let best = Infinity;
      for (let b = 0; b < k; b++) {
        if (b === a) continue;
        const d = dist(centres, a * 3, centres, b * 3);
        if (d < best) best = d;
      }
      half[a] = best / 2;
    }
    sums.fill(0);
    counts.fill(0);
    let changed = 0;
    // One pass: move the bounds with last round's centres, reassign where
    // needed, accumulate the new sums (in index order, as plain Lloyd does).
    for (let i = 0; i < m; i++) {
      let a = assign[i];
      const p = i * 3;
      if (a >= 0) {
        upper[i] += moved[a];
        lower[i] -= a === arg1 ? max2 : max1;
        const z = lower[i] > half[a] ? lower[i] : half[a];
        let skip = upper[i] * (1 + 1e-9) < z;
        if (!skip) {
          upper[i] = dist(points, p, centres, a * 3);
          skip = upper[i] * (1 + 1e-9) < z;
        }
        if (!skip) a = -1;
      }
      if (a < 0) {
        const c = nearest(points, i, centres);
        // Exact distances to the nearest and the second nearest centre.
        let d1 = Infinity;
        let d2 = Infinity;
        for (let b = 0; b < k; b++) {
          const d = dist(points, p, centres, b * 3);
          if (b === c) d1 = d;
          else if (d < d2) d2 = d;
        }
        upper[i] = d1;
        lower[i] = d2;
        if (c !== assign[i]) {
          assign[i] = c;
          changed++;
        }
        a = c;
      }
      counts[a]++;
      sums[a * 3] += points[p];
      sums[a * 3 + 1] += points[p + 1];
      sums[a * 3 + 2] += points[p + 2];
    }
    old.set(centres);
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) for (let d = 0; d < 3; d++) centres[c * 3 + d] = sums[c * 3 + d] / counts[c];
    }
    if (changed === 0) break;
    // Bounds follow the centres (applied lazily in the next pass): a point's
    // own centre moved by moved[a], any other by at most the largest move.
    max1 = 0;
    max2 = 0;
    arg1 = -1;
    for (let c = 0; c < k; c++) {
      moved[c] = dist(old, c * 3, centres, c * 3);
      if (moved[c] > max1) {
        max2 = max1;
        max1 = moved[c];
        arg1 = c;
      } else if (moved[c] > max2) max2 = moved[c];
    }
  }
}

function dist(p: ArrayLike<number>, i: number, q: ArrayLike<number>, j: number): number {
  const dx = p[i] - q[j];
  const dy = p[i + 1] - q[j + 1];
  const dz = p[i + 2] - q[j + 2];
  return sqrt(dx * dx + dy * dy + dz * dz);
}

const sqrt = Math.sqrt; // module alias: no global lookup in hot loops (slow inside vm contexts such as jest's)

function nearest(points: Float32Array, i: number, centres: Float64Array): number {
  let best = 0;
  let bestD = Infinity;
  const x = points[i * 3];
  const y = points[i * 3 + 1];
  const z = points[i * 3 + 2];
  for (let c = 0; c < centres.length; c += 3) {
    const dx = x - centres[c];
    const dy = y - centres[c + 1];
    const dz = z - centres[c + 2];
    const d = dx * dx + dy * dy + dz * dz;
    if (d < bestD) {
      bestD = d;
      best = c / 3;
    }
  }
  return best;
}

/** k-means++ (Arthur & Vassilvitskii 2007): each new centre drawn ∝ squared distance. */
function kMeansPlusPlus(points: Float32Array, k: number, rng: () => number): Float64Array {
  const m = points.length / 3;
  const centres: number[] = [];
  const first = Math.floor(rng() * m);
  centres.push(points[first * 3], points[first * 3 + 1], points[first * 3 + 2]);
  const d2 = new Float64Array(m).fill(Infinity);
  while (centres.length < k * 3) {
    const c = centres.length - 3;
    let total = 0;
    for (let i = 0; i < m; i++) {
      const dx = points[i * 3] - centres[c];
      const dy = points[i * 3 + 1] - centres[c + 1];
      const dz = points[i * 3 + 2] - centres[c + 2];
      d2[i] = Math.min(d2[i], dx * dx + dy * dy + dz * dz);
      total += d2[i];
    }
    if (total <= 1e-18) break; // fewer distinct colours than k
    let r = rng() * total;
    let pick = m - 1;
    for (let i = 0; i < m; i++) {
      r -= d2[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(points[pick * 3], points[pick * 3 + 1], points[pick * 3 + 2]);
  }
  return Float64Array.from(centres);
}
