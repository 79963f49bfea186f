import { RgbImage, assertImage } from '../image/rgb-image';
import { resizeAreaToFloat } from '../image/resize-area';
import { DEFAULT_LUT_SIZE, Lut3D, assertLutSize, latticePoints } from './lut3d';

export interface LutFromExamplesOptions {
  size?: number;
  /** Common grid's long side the pair is compared on (≤ 512). Default 256. */
  sampleSize?: number;
  /**
   * Weight of the smoothness (membrane) term relative to the data: larger =
   * smoother, less faithful where samples are sparse. Default 0.05.
   */
  smoothness?: number;
  title?: string;
}

export interface LutFromExamplesResult {
  lut: Lut3D;
  /** Share of LUT nodes that had samples in their cells (0–1); the rest were filled smoothly. */
  coverage: number;
  /** RMS error of the fitted LUT on the sample pairs, in 8-bit code values. */
  rmsError: number;
}

/**
 * Fit the 3D LUT that turns `before` into `after` (an edited version of the
 * same frame; the two may differ in size). Both are area-resampled to one grid
 * and each pixel pair is a sample (x → y). The LUT's displacement field
 * D = LUT − identity minimises
 *   Σ_nodes m_i |D_i − r̄_i|²  +  λ · Σ_edges |D_i − D_j|²
 * where each sample's displacement y − x is splatted onto its cell's 8
 * corners with trilinear weights (r̄_i the weighted mean at node i, m_i the
 * weight mass — the diagonal approximation of the trilinear least-squares
 * normal equations) and the second term is a membrane (graph-Laplacian)
 * smoothness over grid neighbours; solved by Gauss–Seidel, coarse-to-fine
 * (size 5 → 9 → 17 → … → requested). Nodes the
 * pair never visits are filled by the membrane: the harmonic extension of
 * their neighbours' displacements, which continues the edit smoothly instead
 * of snapping back to identity.
 */
export function lutFromExamples(before: RgbImage, after: RgbImage, options: LutFromExamplesOptions = {}): LutFromExamplesResult {
  assertImage(before);
  assertImage(after);
  const size = options.size ?? DEFAULT_LUT_SIZE;
  assertLutSize(size);
  const long = Math.min(512, options.sampleSize ?? 256);
  const aspectB = before.width / before.height;
  const aspectA = after.width / after.height;
  if (Math.abs(aspectB - aspectA) / aspectB > 0.02) {
    throw new RangeError(`before and after must show the same frame (aspect ratios ${aspectB.toFixed(3)} and ${aspectA.toFixed(3)} differ)`);
  }
  const w = Math.max(1, Math.round(aspectB >= 1 ? Math.min(long, before.width, after.width) : (Math.min(long, before.height, after.height) * aspectB)));
  const h = Math.max(1, Math.round(w / aspectB));
  const x = resizeAreaToFloat(before, w, h);
  const y = resizeAreaToFloat(after, w, h);
  const lambda = options.smoothness ?? 0.05;

  // Coarse-to-fine: solve at small sizes first, upsample as the initial guess.
  const sizes: number[] = [];
  for (let s = size; s > 5; s = Math.ceil((s - 1) / 2) + 1) sizes.unshift(s);
  sizes.unshift(Math.min(5, size));
  let field: Float64Array | null = null;
  let prevSize = 0;
  let coverage = 0;
  for (const s of sizes) {
    const { num, den } = accumulate(x, y, s);
    const init = field ? upsample(field, prevSize, s) : new Float64Array(s * s * s * 3);
    field = solve(num, den, s, lambda, init, s === size ? 60 : 40);
    prevSize = s;
    if (s === size) coverage = den.reduce((c, d) => c + (d > 1e-6 ? 1 : 0), 0) / den.length;
  }
  const lattice = latticePoints(size);
  const data = new Float32Array(lattice.length);
  for (let i = 0; i < data.length; i++) {
    const v = lattice[i] + field![i];
    data[i] = v > 0 ? (v < 1 ? v : 1) : 0;
  }
  const lut: Lut3D = { size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1], title: options.title ?? 'gradekit lut from examples' };
  return { lut, coverage, rmsError: rms(lut, x, y) };
}

/** Normal-equation pieces of the data term, diagonal approximation: Σ w·r and Σ w per node (trilinear weights). */
function accumulate(x: Float32Array, y: Float32Array, s: number): { num: Float64Array; den: Float64Array } {
  const num = new Float64Array(s * s * s * 3);
  const den = new Float64Array(s * s * s);
  const n1 = s - 1;
  for (let p = 0; p < x.length; p += 3) {
    const fr = clamp(x[p]) * n1;
    const fg = clamp(x[p + 1]) * n1;
    const fb = clamp(x[p + 2]) * n1;
    const ir = Math.min(n1 - 1, Math.floor(fr));
    const ig = Math.min(n1 - 1, Math.floor(fg));
    const ib = Math.min(n1 - 1, Math.floor(fb));
    const tr = fr - ir;
    const tg = fg - ig;
    const tb = fb - ib;
    const dr = y[p] - x[p];
    const dg = y[p + 1] - x[p + 1];
    const db = y[p + 2] - x[p + 2];
    for (let c = 0; c < 8; c++) {
      const oR = c & 1;
      const oG = (c >> 1) & 1;
      const oB = (c >> 2) & 1;
      const wgt = (oR ? tr : 1 - tr) * (oG ? tg : 1 - tg) * (oB ? tb : 1 - tb);
      if (wgt === 0) continue;
      const node = ir + oR + s * (ig + oG + s * (ib + oB));
      den[node] += wgt;
      num[node * 3] += wgt * dr;
      num[node * 3 + 1] += wgt * dg;
      num[node * 3 + 2] += wgt * db;
    }
  }
  return { num, den };
}

/**
 * Gauss–Seidel on (den_i + λ·deg_i)·D_i = num_i + λ·Σ_j D_j. The data
 * weight is normalised by the mean sample mass so λ means the same at every
 * grid size and sample count.
 */
function solve(num: Float64Array, den: Float64Array, s: number, lambda: number, init: Float64Array, iterations: number): Float64Array {
  const d = init;
  let mass = 0;
  let occupied = 0;
  for (const v of den) if (v > 0) {
    mass += v;
    occupied++;
  }
  const scale = occupied ? occupied / mass : 1;
  for (let it = 0; it < iterations; it++) {
    for (let b = 0; b < s; b++) {
      for (let g = 0; g < s; g++) {
        for (let r = 0; r < s; r++) {
          const i = r + s * (g + s * b);
          let deg = 0;
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          const visit = (j: number): void => {
            deg++;
            s0 += d[j * 3];
            s1 += d[j * 3 + 1];
            s2 += d[j * 3 + 2];
          };
          if (r > 0) visit(i - 1);
          if (r < s - 1) visit(i + 1);
          if (g > 0) visit(i - s);
          if (g < s - 1) visit(i + s);
          if (b > 0) visit(i - s * s);
          if (b < s - 1) visit(i + s * s);
          const wData = den[i] * scale;
          const denom = wData + lambda * deg;
          d[i * 3] = (num[i * 3] * scale + lambda * s0) / denom;
          d[i * 3 + 1] = (num[i * 3 + 1] * scale + lambda * s1) / denom;
          d[i * 3 + 2] = (num[i * 3 + 2] * scale + lambda * s2) / denom;
        }
      }
    }
  }
  return d;
}

/** Trilinear upsampling of a displacement field from size a to size b. */
function upsample(f: Float64Array, a: number, b: number): Float64Array {
  const out = new Float64Array(b * b * b * 3);
  const k = (a - 1) / (b - 1);
  for (let zb = 0; zb < b; zb++) {
    for (let yg = 0; yg < b; yg++) {
      for (let xr = 0; xr < b; xr++) {
        const fx = xr * k;
        const fy = yg * k;
        const fz = zb * k;
        const x0 = Math.min(a - 2, Math.floor(fx));
        const y0 = Math.min(a - 2, Math.floor(fy));
        const z0 = Math.min(a - 2, Math.floor(fz));
        const tx = fx - x0;
        const ty = fy - y0;
        const tz = fz - z0;
        const o = (xr + b * (yg + b * zb)) * 3;
        for (let c = 0; c < 3; c++) {
          let v = 0;
          for (let corner = 0; corner < 8; corner++) {
            const dx = corner & 1;
            const dy = (corner >> 1) & 1;
            const dz = (corner >> 2) & 1;
            const w = (dx ? tx : 1 - tx) * (dy ? ty : 1 - ty) * (dz ? tz : 1 - tz);
            v += w * f[(x0 + dx + a * (y0 + dy + a * (z0 + dz))) * 3 + c];
          }
          out[o + c] = v;
        }
      }
    }
  }
  return out;
}

function rms(lut: Lut3D, x: Float32Array, y: Float32Array): number {
  const s = lut.size;
  const n1 = s - 1;
  let sum = 0;
  for (let p = 0; p < x.length; p += 3) {
    const f = [clamp(x[p]) * n1, clamp(x[p + 1]) * n1, clamp(x[p + 2]) * n1];
    const i = f.map((v) => Math.min(n1 - 1, Math.floor(v)));
    const t = f.map((v, k) => v - i[k]);
    for (let c = 0; c < 3; c++) {
      let v = 0;
      for (let corner = 0; corner < 8; corner++) {
        const dx = corner & 1;
        const dy = (corner >> 1) & 1;
        const dz = (corner >> 2) & 1;
        const w = (dx ? t[0] : 1 - t[0]) * (dy ? t[1] : 1 - t[1]) * (dz ? t[2] : 1 - t[2]);
        v += w * lut.data[(i[0] + dx + s * (i[1] + dy + s * (i[2] + dz))) * 3 + c];
      }
      sum += ((v - y[p + c]) * 255) ** 2;
    }
  }
  return Math.sqrt(sum / x.length);
}

function clamp(v: number): number {
  return v > 0 ? (v < 1 ? v : 1) : 0;
}
