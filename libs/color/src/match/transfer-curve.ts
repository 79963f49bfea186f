import { selectPercentiles } from '../stats/percentile';

/**
 * A monotone 1-D curve, tabulated on a uniform grid over [x0, x1] and extended
 * linearly outside it with the end slopes clamped into [minSlope, maxSlope]
 * (so LUT nodes beyond the data move consistently with their neighbours).
 */
export interface Curve1D {
  x0: number;
  x1: number;
  ys: Float64Array;
  slopeLo: number;
  slopeHi: number;
}

export function evalCurve(c: Curve1D, x: number): number {
  const n = c.ys.length - 1;
  if (x <= c.x0) return c.ys[0] + (x - c.x0) * c.slopeLo;
  if (x >= c.x1) return c.ys[n] + (x - c.x1) * c.slopeHi;
  const t = ((x - c.x0) / (c.x1 - c.x0)) * n;
  const i = Math.min(n - 1, Math.floor(t));
  return c.ys[i] + (t - i) * (c.ys[i + 1] - c.ys[i]);
}

export interface TransferOptions {
  /** Quantile knots used. Fewer knots = smoother curve. Default 64. */
  knots?: number;
  /** Slope bounds of the curve (banding and edge-inversion control). Defaults 0.25 and 4. */
  minSlope?: number;
  maxSlope?: number;
  /** Gaussian smoothing of the knot slopes, in knots. Default 1.5. */
  smoothing?: number;
  /** Lowest / highest quantile level used as a knot (robust to outliers). Defaults 0.5 and 99.5. */
  lowPercent?: number;
  highPercent?: number;
  /**
   * Beyond the knots: 'slope' continues with the (clamped) end slopes; 'shift'
   * continues with slope 1 (a constant displacement) — what iterated
   * transfers need, so tails cannot be stretched again at every iteration.
   */
  extrapolation?: 'slope' | 'shift';
}

/**
 * Regularised histogram matching: the map Q_ref ∘ F_src (which sends the
 * source's distribution onto the reference's) sampled at quantile knots, then
 * made smooth and well-conditioned — knot slopes are Gaussian-smoothed and
 * clamped to [minSlope, maxSlope], the curve is rebuilt by integrating them
 * and re-anchored by least squares (weighted by quantile mass) to the
 * matched quantiles. Monotone by
 * construction: no inversions, and no flat or steep runs that would band.
 */
export function transferCurve(src: Float64Array | Float32Array, ref: Float64Array | Float32Array, options: TransferOptions = {}): Curve1D {
  const k = Math.max(4, options.knots ?? 64);
  const lo = options.lowPercent ?? 0.5;
  const hi = options.highPercent ?? 99.5;
  const levels = Array.from({ length: k }, (_, i) => lo + ((hi - lo) * i) / (k - 1));
  const qs = selectPercentiles(Float64Array.from(src), levels);
  const qr = selectPercentiles(Float64Array.from(ref), levels);
  return curveFromKnots(qs, qr, options);
}

/** Build the regularised monotone curve through (xs[i] → ys[i]) knot pairs (xs ascending). */
export function curveFromKnots(xsIn: readonly number[], ysIn: readonly number[], options: TransferOptions = {}): Curve1D {
  const minSlope = options.minSlope ?? 0.25;
  const maxSlope = options.maxSlope ?? 4;
  // Merge knots whose x coincide (flat source regions): average their targets.
  // Each merged knot keeps the number of quantile levels it stands for, so a
  // point mass (e.g. a black border) anchors the curve with its full weight.
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < xsIn.length; ) {
    let j = i;
    let s = 0;
    while (j < xsIn.length && xsIn[j] - xsIn[i] <= 1e-9) s += ysIn[j++];
    xs.push(xsIn[i]);
    ys.push(s / (j - i));
    ws.push(j - i);
    i = j;
  }
  if (xs.length < 2) {
    const shift = (ys[0] ?? 0) - (xs[0] ?? 0);
    return { x0: (xs[0] ?? 0) - 1, x1: (xs[0] ?? 0) + 1, ys: Float64Array.from([(xs[0] ?? 0) - 1 + shift, (xs[0] ?? 0) + 1 + shift]), slopeLo: 1, slopeHi: 1 };
  }
  const m = xs.length;
  // Smoothed slope of interval i = Σ k·Δy / Σ k·Δx over neighbouring
  // intervals: a local average rise over run, so one short steep interval
  // next to a long flat one cannot inflate the slope of the long one.
  const dxs = new Float64Array(m - 1);
  const dys = new Float64Array(m - 1);
  for (let i = 0; i < m - 1; i++) {
    dxs[i] = xs[i + 1] - xs[i];
    dys[i] = Math.max(0, ys[i + 1] - ys[i]);
  }
  const sdx = smoothSeries(dxs, options.smoothing ?? 1.5);
  const sdy = smoothSeries(dys, options.smoothing ?? 1.5);
  const sm = new Float64Array(m - 1);
  for (let i = 0; i < m - 1; i++) sm[i] = sdy[i] / Math.max(sdx[i], 1e-12);
  for (let i = 0; i < sm.length; i++) sm[i] = Math.min(maxSlope, Math.max(minSlope, sm[i]));
  const y = new Float64Array(m);
  for (let i = 1; i < m; i++) y[i] = y[i - 1] + sm[i - 1] * (xs[i] - xs[i - 1]);
  let offset = 0;
  let wsum = 0;
  for (let i = 0; i < m; i++) {
    offset += ws[i] * (ys[i] - y[i]);
    wsum += ws[i];
  }
  offset /= wsum;
  for (let i = 0; i < m; i++) y[i] += offset;

  // Tabulate on a uniform grid by linear interpolation between knots.
  const grid = 512;
  const x0 = xs[0];
  const x1 = xs[m - 1];
  const out = new Float64Array(grid + 1);
  let j = 0;
  for (let g = 0; g <= grid; g++) {
    const x = x0 + ((x1 - x0) * g) / grid;
    while (j < m - 2 && xs[j + 1] < x) j++;
    const t = (x - xs[j]) / (xs[j + 1] - xs[j]);
    out[g] = y[j] + Math.min(1, Math.max(0, t)) * (y[j + 1] - y[j]);
  }
  const endSlope = (s: number): number => (options.extrapolation === 'shift' ? 1 : Math.min(maxSlope, Math.max(minSlope, s)));
  return { x0, x1, ys: out, slopeLo: endSlope(sm[0]), slopeHi: endSlope(sm[sm.length - 1]) };
}

function smoothSeries(v: Float64Array, sigma: number): Float64Array {
  if (sigma <= 0) return v.slice();
  const r = Math.ceil(3 * sigma);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    let s = 0;
    let w = 0;
    for (let d = -r; d <= r; d++) {
      const j = i + d;
      if (j < 0 || j >= v.length) continue;
      const k = Math.exp(-(d * d) / (2 * sigma * sigma));
      s += k * v[j];
      w += k;
    }
    out[i] = s / w;
  }
  return out;
}
