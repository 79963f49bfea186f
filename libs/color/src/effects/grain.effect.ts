import { GrainParams } from './effects-config.model';
import { Planes } from './effect-planes.util';
import { hash2 } from '../util/rng';

/**
 * Film grain on sRGB-ENCODED planes (in place): e_c += σ · a(Y) · n_c(x, y).
 *
 * Noise field n — resolution-independent, spatially correlated, seeded:
 *   value noise on a lattice whose cell is fixed RELATIVE to the image
 *   (cell = 0.0004 · 15^(size/100) of the short side). Pixel (x, y) sits at
 *   lattice coordinate ((x + ½)/cell + o_x, (y + ½)/cell + o_y), so a 2×
 *   upscaled copy samples the SAME continuous field twice as densely: same
 *   std, same correlation length relative to the frame. Lattice values are
 *   hash2(i, j, seed) (stateless: any tile or row order gives the same image),
 *   shaped to unit variance as a sum of two uniforms (the hash's two 16-bit halves); between them the field is
 *   interpolated with smoothstep weights s and divided by
 *   √(((1−s_x)² + s_x²)((1−s_y)² + s_y²)) so its variance is exactly 1 everywhere
 *   (plain interpolation would dip mid-cell and print the lattice). Two
 *   octaves — the cell and a half-size one weighted by roughness — are summed
 *   and renormalised (clumps with finer grit, not white noise). When a cell is
 *   smaller than a pixel (a small proxy), the pixel would average ~1/cell²
 *   cells, so the octave is drawn at 1 px and scaled by `cell`, as the
 *   downsampled original would look.
 * Colour: n_c = √(1−k)·n_mono + √k·n_c,own with k = color/100.
 * Amplitude: σ = 0.12 · amount/100 at mid-grey, shaped by the luma e of the
 *   pixel as a(e) = (4e(1 − e))^0.75 — strongest in mid-tones, none in pure
 *   black or white (as on a print, where the densest and clearest areas show
 *   no grain).
 */
export function grainPass(planes: Planes, p: GrainParams, seed: number): void {
  if (p.amount === 0) return;
  if (planes.domain !== 'encoded') throw new Error('grainPass: planes must be sRGB-encoded');
  const { width: w, height: h } = planes;
  const n = w * h;
  const cell = grainCellPixels(p.size, w, h);
  const k = p.color / 100;
  const mono = grainField(w, h, cell, p.roughness, seed * 4 + 0);
  const own = k > 0 ? [1, 2, 3].map((c) => grainField(w, h, cell, p.roughness, seed * 4 + c)) : null;
  const sigma = 0.12 * (p.amount / 100);
  // a(e) tabulated (1024 steps, linear interpolation) instead of a pow per pixel.
  const amps = new Float32Array(AMP_N + 2);
  for (let i = 0; i <= AMP_N + 1; i++) {
    const e = Math.min(1, i / AMP_N);
    amps[i] = sigma * Math.pow(4 * e * (1 - e), 0.75);
  }
  const wm = Math.sqrt(1 - k);
  const wo = Math.sqrt(k);
  const [r, g, b] = planes.c;
  for (let i = 0; i < n; i++) {
    const e = 0.2126 * r[i] + 0.7152 * g[i] + 0.0722 * b[i];
    const x = (e > 0 ? (e < 1 ? e : 1) : 0) * AMP_N;
    const j = x | 0;
    const amp = amps[j] + (x - j) * (amps[j + 1] - amps[j]);
    if (own) {
      const m = wm * mono[i];
      r[i] += amp * (m + wo * own[0][i]);
      g[i] += amp * (m + wo * own[1][i]);
      b[i] += amp * (m + wo * own[2][i]);
    } else {
      const d = amp * mono[i];
      r[i] += d;
      g[i] += d;
      b[i] += d;
    }
  }
}

const AMP_N = 1024;

/** Grain cell size in pixels for this image: 0.0004 · 15^(size/100) × short side. */
export function grainCellPixels(size: number, width: number, height: number): number {
  return 0.0004 * Math.pow(15, size / 100) * Math.min(width, height);
}

/** Unit-variance two-octave value noise (see grainPass). */
export function grainField(w: number, h: number, cell: number, roughness: number, seed: number): Float32Array {
  const out = new Float32Array(w * h);
  const rough = roughness / 100;
  const octaves: [number, number][] = [
    [cell, 1],
    [cell / 2, rough],
  ];
  const norm = 1 / Math.sqrt(1 + rough * rough);
  octaves.forEach(([c, weight], o) => {
    if (weight > 0) addValueNoise(out, w, h, c, weight * norm, (seed * 2 + o) | 0);
  });
  return out;
}

function addValueNoise(out: Float32Array, w: number, h: number, cellPx: number, weight: number, seed: number): void {
  const cell = Math.max(1, cellPx);
  const amp = weight * Math.min(1, cellPx);
  // Seed-dependent sub-cell offset of the lattice (in lattice units: resolution-free).
  const ox = hash2(17, 31, seed);
  const oy = hash2(53, 71, seed);
  const axis = (len: number, off: number) => {
    const i0 = new Int32Array(len);
    const wt = new Float32Array(len);
    const nv = new Float32Array(len);
    for (let x = 0; x < len; x++) {
      const X = (x + 0.5) / cell + off;
      const i = Math.floor(X);
      const t = X - i;
      const s = t * t * (3 - 2 * t);
      i0[x] = i;
      wt[x] = s;
      nv[x] = 1 / Math.sqrt((1 - s) * (1 - s) + s * s);
    }
    return { i0, wt, nv, start: i0[0], count: i0[len - 1] - i0[0] + 2 };
  };
  const ax = axis(w, ox);
  const ay = axis(h, oy);
  const lw = ax.count;
  const lattice = new Float32Array(lw * ay.count);
  // One 32-bit hash per node gives two 16-bit uniforms; their sum − 1 has
  // variance 1/6 (triangular), × √6 → unit variance.
  const SQRT6 = Math.sqrt(6);
  for (let j = 0; j < ay.count; j++) {
    for (let i = 0; i < lw; i++) {
      const u = hash2(ax.start + i, ay.start + j, seed) * 65536;
      const hi = Math.floor(u);
      lattice[j * lw + i] = ((hi + 0.5) / 65536 + (u - hi) - 1) * SQRT6;
    }
  }
  const row = new Float32Array(lw);
  const ix = new Int32Array(w);
  for (let x = 0; x < w; x++) ix[x] = ax.i0[x] - ax.start;
  for (let y = 0; y < h; y++) {
    const j = ay.i0[y] - ay.start;
    const sy = ay.wt[y];
    const r0 = j * lw;
    const r1 = r0 + lw;
    for (let i = 0; i < lw; i++) row[i] = lattice[r0 + i] + sy * (lattice[r1 + i] - lattice[r0 + i]);
    const scale = amp * ay.nv[y];
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const i = ix[x];
      out[o + x] += (row[i] + ax.wt[x] * (row[i + 1] - row[i])) * ax.nv[x] * scale;
    }
  }
}
