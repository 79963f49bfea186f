import { selectPercentiles } from '../stats/percentile';
import { Curve1D, evalCurve } from './transfer-curve';

export interface ToneFitInput {
  /** Target lightness samples. */
  src: Float64Array;
  /** Reference lightness samples. */
  ref: Float64Array;
  /** Regularised histogram match of src onto ref. */
  histogramMatch: Curve1D;
  /** Optional chroma→lightness coupling of each src sample (added as β · coupling). */
  coupling?: Float64Array | null;
  /**
   * The target's edges: lightness (and coupling) of pixel pairs, interleaved
   * [i0, j0, i1, j1, …]; null without geometry.
   */
  edges: { L: Float64Array; coupling?: Float64Array | null } | null;
}

export interface ToneFitOptions {
  /** Lowest gradient correlation the lightness map may cause on the target's edges. Default 0.96. */
  minGradientCorrelation?: number;
  /** Range of the lightness scale (100 for L*). */
  range?: number;
}

export interface ToneFit {
  curve: Curve1D;
  /** Weight of the chroma coupling term. */
  beta: number;
  /** Predicted gradient correlation on the target's edges. */
  predictedGradientCorrelation: number;
}

/**
 * Fit the lightness map of `natural`: as much of the reference's tonal
 * distribution as the target's edges allow.
 *
 * Structure: with gradients as differences between neighbouring pixels
 * p = (i, j), a map g turns each difference d_p = L_i − L_j into
 * e_p = g(x_i) − g(x_j), and the gradient correlation of g(L) with L is
 *   Σ d_p e_p / sqrt(Σ d_p² · Σ e_p²).
 * We evaluate it on the target's own neighbour pairs and accept only maps
 * that keep it ≥ `minGradientCorrelation`.
 *
 * Candidates:
 *   g(x) = knee( (1 − α)·A_k(L) + α·h(L) + β·c(x) )
 * with h the regularised histogram match, A_k the affine map through the two
 * means with slope k from 1 up to the std ratio σr/σs, c an optional chroma
 * coupling (how the reference ties lightness to colour, from the Monge–
 * Kantorovich fit), and `knee` a smooth toe and shoulder that keep values in
 * range without the zero slope of hard clipping. Among accepted candidates
 * we keep the one whose lightness distribution is closest to the
 * reference's (1-D W1 over 64 quantiles).
 */
export function fitToneCurve(input: ToneFitInput, options: ToneFitOptions = {}): ToneFit {
  const { src, ref, histogramMatch: h, edges } = input;
  const coupling = input.coupling ?? null;
  const edgeCoupling = edges?.coupling ?? null;
  const minGc = options.minGradientCorrelation ?? 0.96;
  const range = options.range ?? 100;
  const levels = Array.from({ length: 64 }, (_, i) => ((i + 0.5) / 64) * 100);
  const qr = selectPercentiles(ref.slice(), levels);
  const [ms, ss] = meanStd(src);
  const [mr, sr] = meanStd(ref);
  const kFull = ss > 1e-9 ? sr / ss : 1;
  const knee = kneeFunction(range);

  // A fixed subsample of target pixels for the distribution term.
  const nSample = Math.min(src.length, 1024);
  const sampleIdx = new Int32Array(nSample);
  for (let k = 0; k < nSample; k++) sampleIdx[k] = Math.floor((k * src.length) / nSample);
  const work = new Float64Array(nSample);

  const make = (k: number, alpha: number): Curve1D => {
    const grid = 512;
    const ys = new Float64Array(grid + 1);
    for (let g = 0; g <= grid; g++) {
      const x = (range * g) / grid;
      ys[g] = (1 - alpha) * (mr + k * (x - ms)) + alpha * evalCurve(h, x);
    }
    return { x0: 0, x1: range, ys, slopeLo: 0, slopeHi: 0 };
  };
  // With β = 0 the map is monotone in L, so its quantiles are the map of the
  // target's quantiles — no selection needed.
  const qs = selectPercentiles(src.slice(), levels);
  const w1Of = (f: Curve1D, beta: number): number => {
    if (beta === 0 || !coupling) return qs.reduce((s, q, i) => s + Math.abs(knee(evalCurve(f, q)) - qr[i]), 0) / qs.length;
    for (let k = 0; k < nSample; k++) {
      const i = sampleIdx[k];
      work[k] = knee(evalCurve(f, src[i]) + (coupling ? beta * coupling[i] : 0));
    }
    const q = selectPercentiles(work, levels);
    return q.reduce((s, v, i) => s + Math.abs(v - qr[i]), 0) / q.length;
  };
  const gcOf = (f: Curve1D, beta: number): number => {
    if (!edges) return 1;
    const L = edges.L;
    let sw = 0;
    let s1 = 0;
    let s2 = 0;
    for (let p = 0; p < L.length; p += 2) {
      const d = L[p] - L[p + 1];
      const c0 = edgeCoupling ? beta * edgeCoupling[p] : 0;
      const c1 = edgeCoupling ? beta * edgeCoupling[p + 1] : 0;
      const e = knee(evalCurve(f, L[p]) + c0) - knee(evalCurve(f, L[p + 1]) + c1);
      sw += d * d;
      s1 += d * e;
      s2 += e * e;
    }
    return sw > 0 && s2 > 0 ? s1 / Math.sqrt(sw * s2) : 1;
  };

  let best: ToneFit | null = null;
  let bestW1 = Infinity;
  let fallback: ToneFit = { curve: make(1, 0), beta: 0, predictedGradientCorrelation: -1 };
  const betas = coupling ? [0, 0.5, 1] : [0];
  for (const e of [1, 0.5, 0]) {
    const k = Math.pow(kFull, e);
    for (let a = 8; a >= 0; a--) {
      const f = make(k, a / 8);
      for (const beta of betas) {
        const d = w1Of(f, beta);
        if (d >= bestW1) continue; // cannot win: skip the costlier structure check
        const gc = gcOf(f, beta);
        if (gc >= minGc) {
          bestW1 = d;
          best = { curve: f, beta, predictedGradientCorrelation: gc };
        } else if (gc > fallback.predictedGradientCorrelation) {
          fallback = { curve: f, beta, predictedGradientCorrelation: gc };
        }
      }
    }
  }
  const chosen = best ?? fallback;
  // Fold the knee into the tabulated curve when there is no coupling term.
  if (chosen.beta === 0) {
    const ys = chosen.curve.ys.map((y) => knee(y));
    return { ...chosen, curve: { ...chosen.curve, ys } };
  }
  return chosen;
}

/**
 * Pixel pairs two apart (x−1, x+1) horizontally and vertically — the central
 * differences that gradient operators such as Sobel are built on — at most
 * `max` pairs sampled at a fixed stride; null without geometry.
 */
export function neighbourPairs(width?: number, height?: number, max = 4096): Int32Array | null {
  if (!width || !height || width < 3 || height < 3) return null;
  const horizontal = (width - 2) * height;
  const total = horizontal + width * (height - 2);
  const n = Math.min(total, max);
  const out = new Int32Array(n * 2);
  const step = total / n;
  for (let k = 0; k < n; k++) {
    let t = Math.floor(k * step);
    if (t < horizontal) {
      const y = Math.floor(t / (width - 2));
      const x = t % (width - 2);
      out[2 * k] = y * width + x;
      out[2 * k + 1] = y * width + x + 2;
    } else {
      t -= horizontal;
      out[2 * k] = t;
      out[2 * k + 1] = t + 2 * width;
    }
  }
  return out;
}

/**
 * Identity on [t, range − t] (t = 4 % of range) with tanh toe and shoulder
 * below/above: continuous slope 1 at the joins, asymptotic to 0 and range.
 */
export function kneeFunction(range: number): (y: number) => number {
  const t = 0.04 * range;
  const top = range - t;
  return (y) => (y < t ? t * (1 + Math.tanh((y - t) / t)) : y > top ? top + t * Math.tanh((y - top) / t) : y);
}

function meanStd(v: Float64Array): [number, number] {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return [m, Math.sqrt(s / v.length)];
}
