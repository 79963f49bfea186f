import { createRng } from '../util/rng';
import { Curve1D, evalCurve, transferCurve } from './transfer-curve';

export interface ChromaIdtOptions {
  seed?: number;
  iterations?: number;
  /** Slope bound of each 1-D step (and 1/bound the lower one). */
  maxSlope?: number;
  /** Smoothing of each 1-D step, in knots. */
  smoothing?: number;
  /** Quantile knots of each 1-D step. Default 48. */
  knots?: number;
}

/**
 * Iterative distribution transfer (Pitié, Kokaram & Dahyot 2005) restricted
 * to the chroma plane of packed Lab points: each iteration a seeded random
 * rotation of (a*, b*) (the first the identity) and a regularised 1-D
 * histogram match along both rotated axes (monotone, slope-bounded,
 * constant displacement beyond the data). Fits on `x` (moved in place toward
 * `y`); returns the map replaying the steps on any Lab points. L* is never
 * touched.
 */
export function fitChromaIdt(x: Float32Array, y: Float32Array, o: ChromaIdtOptions = {}): (lab: Float32Array) => void {
  const rng = createRng(o.seed ?? 42);
  const steps: { c: number; s: number; u: Curve1D; v: Curve1D }[] = [];
  const px = new Float64Array(x.length / 3);
  const py = new Float64Array(y.length / 3);
  const iterations = o.iterations ?? 20;
  const maxSlope = o.maxSlope ?? 3;
  for (let it = 0; it < iterations; it++) {
    const theta = it === 0 ? 0 : rng() * Math.PI;
    const c = Math.cos(theta);
    const sn = Math.sin(theta);
    const curves: Curve1D[] = [];
    for (const [ca, cb] of [
      [c, sn],
      [-sn, c],
    ]) {
      for (let i = 0, k = 0; k < px.length; i += 3, k++) px[k] = ca * x[i + 1] + cb * x[i + 2];
      for (let i = 0, k = 0; k < py.length; i += 3, k++) py[k] = ca * y[i + 1] + cb * y[i + 2];
      curves.push(transferCurve(px, py, { knots: o.knots ?? 48, smoothing: o.smoothing ?? 1.5, minSlope: 1 / maxSlope, maxSlope, extrapolation: 'shift' }));
    }
    const step = { c, s: sn, u: curves[0], v: curves[1] };
    steps.push(step);
    chromaStep(step, x);
  }
  return (lab) => {
    for (const st of steps) chromaStep(st, lab);
  };
}

/** Rotate (a, b) by θ, move along both axes by the curves' displacement, rotate back. */
function chromaStep(st: { c: number; s: number; u: Curve1D; v: Curve1D }, p: Float32Array): void {
  const { c, s } = st;
  for (let i = 0; i < p.length; i += 3) {
    const u = c * p[i + 1] + s * p[i + 2];
    const v = -s * p[i + 1] + c * p[i + 2];
    const du = evalCurve(st.u, u) - u;
    const dv = evalCurve(st.v, v) - v;
    p[i + 1] += c * du - s * dv;
    p[i + 2] += s * du + c * dv;
  }
}
