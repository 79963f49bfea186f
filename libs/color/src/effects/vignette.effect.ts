import { VignetteParams } from './effects-config.model';
import { Planes } from './effect-planes.util';

const TABLE = 4096;

/**
 * Vignette on LINEAR planes (in place): an exposure falloff, so it darkens
 * like a lens does (× gain in linear light, the same at every level):
 *   gain = 2^(−2 · a · mask(r)),  a = amount/100  (+100 → −2 EV at full mask)
 * Geometry, all relative to the frame (resolution-independent):
 *   dx = x − cx, dy = y − cy;  half-axes (A, B) = (W/2, H/2) blended toward a
 *   circle of radius √(W·H)/2 by roundness ρ ≥ 0; for ρ < 0 the norm becomes a
 *   superellipse of exponent p = 2 + 6|ρ| (squarer).
 *   d = (|dx/A|^p + |dy/B|^p)^(1/p),  r = d / d(corner)  (r = 1 in the corners)
 *   mask = smoothstep(e0, e1, r),  e0 = mid·(1 − f),  e1 = mid + (1 − mid)·f
 *   (mid = midpoint/100, f = feather/100; f = 0 is a hard edge at mid).
 * The per-pixel cost is an add and a table read: the gain is tabulated over
 * the separable sum s = |dx/A|^p + |dy/B|^p.
 */
export function vignettePass(planes: Planes, p: VignetteParams): void {
  if (p.amount === 0) return;
  if (planes.domain !== 'linear') throw new Error('vignettePass: planes must be linear');
  const { width: w, height: h } = planes;
  const rho = p.roundness / 100;
  const round = Math.max(0, rho);
  const pw = 2 + 6 * Math.max(0, -rho);
  const circle = Math.sqrt(w * h) / 2;
  const A = w / 2 + round * (circle - w / 2);
  const B = h / 2 + round * (circle - h / 2);
  const cx = w / 2;
  const cy = h / 2;
  const colTerm = new Float64Array(w);
  const rowTerm = new Float64Array(h);
  for (let x = 0; x < w; x++) colTerm[x] = Math.pow(Math.abs((x + 0.5 - cx) / A), pw);
  for (let y = 0; y < h; y++) rowTerm[y] = Math.pow(Math.abs((y + 0.5 - cy) / B), pw);
  const sMax = Math.pow(cx / A, pw) + Math.pow(cy / B, pw);
  const mid = p.midpoint / 100;
  const f = p.feather / 100;
  const e0 = mid * (1 - f);
  const e1 = mid + (1 - mid) * f;
  const a = p.amount / 100;
  const table = new Float32Array(TABLE + 2);
  for (let i = 0; i <= TABLE + 1; i++) {
    const r = Math.pow(Math.min(i, TABLE) / TABLE, 1 / pw); // (s / s_corner)^(1/p)
    let m: number;
    if (e1 - e0 < 1e-6) m = r >= mid ? 1 : 0;
    else {
      const t = Math.min(1, Math.max(0, (r - e0) / (e1 - e0)));
      m = t * t * (3 - 2 * t);
    }
    table[i] = Math.pow(2, -2 * a * m);
  }
  const scale = TABLE / sMax;
  const [R, G, Bp] = planes.c;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    const ry = rowTerm[y];
    for (let x = 0; x < w; x++) {
      const u = (colTerm[x] + ry) * scale;
      const i = u | 0;
      const gain = table[i] + (u - i) * (table[i + 1] - table[i]);
      R[o + x] *= gain;
      G[o + x] *= gain;
      Bp[o + x] *= gain;
    }
  }
}
