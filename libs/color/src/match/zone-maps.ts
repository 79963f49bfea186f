import { selectPercentiles } from '../stats/percentile';
import { Mat3, symmetricMatrixFunction } from '../util/mat3';
import { mklMatrix } from './mkl';
import { Curve1D, evalCurve } from './transfer-curve';

/**
 * Tonal-zone colour maps (used by `natural`, `smooth` and `balanced`).
 *
 * The target's lightness RANK splits it into soft zones (Bernstein weights of
 * degree zones−1 over the rank: deep shadows … highlights), matched to the
 * reference's zones of the same rank. In each zone a linear Monge–Kantorovich
 * map (Pitié & Kokaram 2007) is fitted between the two zones' weighted 3-D
 * Lab distributions, its gains (eigenvalues) clamped to [1/maxGain, maxGain]
 * so near-neutral colours are never amplified into a cast. A colour's output
 * chroma is the zone-weighted blend of the maps' chroma rows — it follows
 * both its own colour and its lightness, as the reference does (e.g. warm
 * highlights over cool shadows); `coupling` is the blend of the maps'
 * lightness-from-chroma terms.
 */
export interface ZoneMaps {
  /** Writes [a*, b*, coupling] for an input Lab colour. */
  evaluate(L: number, a: number, b: number, out: number[]): void;
}

export function fitZoneMaps(src: Float32Array, ref: Float32Array, options: { zones?: number; maxGain?: number } = {}): ZoneMaps {
  const zones = options.zones ?? 5;
  const maxGain = options.maxGain ?? 4;
  const rankS = rankFunction(lightness(src));
  const rankR = rankFunction(lightness(ref));
  const zs = zoneStats(src, rankS, zones);
  const zr = zoneStats(ref, rankR, zones);
  // Per zone, flat: the coupling terms of T (t1 t2), its chroma rows
  // (t3 … t8), the target zone's mean and the reference zone's a* mean — so
  // a colour is evaluated without object lookups.
  const coef = new Float64Array(zones * 12);
  zs.forEach((z, k) => {
    const t = boundGains(mklMatrix(z.cov, zr[k].cov, 1e-6), maxGain);
    coef.set([t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], z.mean[0], z.mean[1], z.mean[2], zr[k].mean[1]], k * 12);
  });
  const mr2 = zr.map((z) => z.mean[2]);
  const w = new Float64Array(zones);
  const { x0, x1, ys } = rankS;
  const grid = ys.length - 1;
  const span = x1 - x0;
  return {
    evaluate(L, a, b, out) {
      // evalCurve(rankS, L) with the rank curve's zero end slopes: clamped.
      let u: number;
      if (L <= x0) u = ys[0];
      else if (L >= x1) u = ys[grid];
      else {
        const t = ((L - x0) / span) * grid;
        const i = t < grid - 1 ? t | 0 : grid - 1;
        u = ys[i] + (t - i) * (ys[i + 1] - ys[i]);
      }
      zoneWeights(u, w);
      let na = 0;
      let nb = 0;
      let c = 0;
      for (let z = 0, o = 0; z < zones; z++, o += 12) {
        const wz = w[z];
        if (wz === 0) continue;
        const dL = L - coef[o + 8];
        const da = a - coef[o + 9];
        const db = b - coef[o + 10];
        na += wz * (coef[o + 2] * dL + coef[o + 3] * da + coef[o + 4] * db + coef[o + 11]);
        nb += wz * (coef[o + 5] * dL + coef[o + 6] * da + coef[o + 7] * db + mr2[z]);
        c += wz * (coef[o] * da + coef[o + 1] * db);
      }
      out[0] = na;
      out[1] = nb;
      out[2] = c;
    },
  };
}

export function lightness(lab: Float32Array): Float64Array {
  const out = new Float64Array(lab.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = lab[i * 3];
  return out;
}

/** Empirical CDF of v as a curve (value → rank in [0, 1]), from 65 quantiles. */
export function rankFunction(v: Float64Array): Curve1D {
  const levels = Array.from({ length: 65 }, (_, k) => (k / 64) * 100);
  const q = selectPercentiles(v.slice(), levels);
  const x0 = q[0];
  const x1 = Math.max(q[64], x0 + 1e-6);
  const grid = 256;
  const ys = new Float64Array(grid + 1);
  let k = 0;
  for (let g = 0; g <= grid; g++) {
    const x = x0 + ((x1 - x0) * g) / grid;
    while (k < 63 && q[k + 1] < x) k++;
    const span = q[k + 1] - q[k];
    const t = span > 1e-12 ? Math.min(1, Math.max(0, (x - q[k]) / span)) : 0.5;
    ys[g] = (k + t) / 64;
  }
  return { x0, x1, ys, slopeLo: 0, slopeHi: 0 };
}

/** Bernstein basis of degree w.length − 1 at u (a smooth partition of unity over ranks). */
function zoneWeights(u: number, w: Float64Array): void {
  const t = u < 0 ? 0 : u > 1 ? 1 : u;
  const s = 1 - t;
  const n = w.length - 1;
  if (n === 4) {
    const t2 = t * t;
    const s2 = s * s;
    w[0] = s2 * s2;
    w[1] = 4 * t * s * s2;
    w[2] = 6 * t2 * s2;
    w[3] = 4 * t2 * t * s;
    w[4] = t2 * t2;
    return;
  }
  // General degree: w_k = C(n, k) t^k s^(n−k), built by repeated multiplication.
  let c = 1;
  for (let k = 0; k <= n; k++) {
    let v = c;
    for (let j = 0; j < k; j++) v *= t;
    for (let j = 0; j < n - k; j++) v *= s;
    w[k] = v;
    c = (c * (n - k)) / (k + 1);
  }
}

function boundGains(t: Mat3, maxGain: number): Mat3 {
  return symmetricMatrixFunction(t, (x) => Math.min(maxGain, Math.max(1 / maxGain, x)), -Infinity);
}

function zoneStats(p: Float32Array, rank: Curve1D, zones: number): { mean: number[]; cov: Mat3 }[] {
  const w = new Float64Array(zones);
  // Per zone: weight, 3 weighted sums, 6 weighted second moments (flat).
  const acc = new Float64Array(zones * 10);
  for (let i = 0; i < p.length; i += 3) {
    zoneWeights(evalCurve(rank, p[i]), w);
    const v0 = p[i];
    const v1 = p[i + 1];
    const v2 = p[i + 2];
    for (let z = 0, o = 0; z < zones; z++, o += 10) {
      const k = w[z];
      if (k === 0) continue;
      acc[o] += k;
      acc[o + 1] += k * v0;
      acc[o + 2] += k * v1;
      acc[o + 3] += k * v2;
      acc[o + 4] += k * v0 * v0;
      acc[o + 5] += k * v0 * v1;
      acc[o + 6] += k * v0 * v2;
      acc[o + 7] += k * v1 * v1;
      acc[o + 8] += k * v1 * v2;
      acc[o + 9] += k * v2 * v2;
    }
  }
  const out: { mean: number[]; cov: Mat3 }[] = [];
  for (let z = 0, o = 0; z < zones; z++, o += 10) {
    const n = Math.max(acc[o], 1e-12);
    const mean = [acc[o + 1] / n, acc[o + 2] / n, acc[o + 3] / n];
    const c = [acc[o + 4], acc[o + 5], acc[o + 6], acc[o + 5], acc[o + 7], acc[o + 8], acc[o + 6], acc[o + 8], acc[o + 9]];
    out.push({ mean, cov: c.map((v, idx) => v / n - mean[Math.floor(idx / 3)] * mean[idx % 3]) });
  }
  return out;
}
