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
 * fixed subsample; Lloyd iterations until assignments stop changing.
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
  for (let i = 0; i < m; i++) sample.set(lab.subarray(i * stride * 3, i * stride * 3 + 3), i * 3);

  const centres = kMeansPlusPlus(sample, k, createRng(seed));
  const assign = new Int32Array(m).fill(-1);
  const iterations = options.maxIterations ?? 40;
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < m; i++) {
      const c = nearest(sample, i, centres);
      if (c !== assign[i]) {
        assign[i] = c;
        changed++;
      }
    }
    const sums = new Float64Array(centres.length);
    const counts = new Float64Array(centres.length / 3);
    for (let i = 0; i < m; i++) {
      const c = assign[i];
      counts[c]++;
      sums[c * 3] += sample[i * 3];
      sums[c * 3 + 1] += sample[i * 3 + 1];
      sums[c * 3 + 2] += sample[i * 3 + 2];
    }
    for (let c = 0; c < counts.length; c++) {
      if (counts[c] > 0) for (let d = 0; d < 3; d++) centres[c * 3 + d] = sums[c * 3 + d] / counts[c];
    }
    if (changed === 0) break;
  }
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
