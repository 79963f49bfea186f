import { Mat3, mat3Transpose } from '../util/mat3';
import { createGaussianRng } from '../util/rng';
import { Curve1D, evalCurve, transferCurve } from './transfer-curve';

export interface Idt3dOptions {
  seed?: number;
  iterations?: number;
}

/**
 * N-dimensional PDF transfer (Pitié, Kokaram & Dahyot 2005) of packed 3-D
 * points: each iteration a seeded random rotation (the first the identity),
 * and along each rotated axis a 1-D regularised histogram match (48 knots,
 * light smoothing, slopes in [1/3, 3], constant displacement beyond the data
 * so tails are not re-stretched at every iteration). Fits on `x` (moved in
 * place toward `y`) and returns the map replaying the same steps on any points.
 */
export function fitIdt3d(x: Float32Array, y: Float32Array, o: Idt3dOptions = {}): (p: Float32Array) => void {
  const gauss = createGaussianRng(o.seed ?? 42);
  const steps: { rot: Mat3; curves: Curve1D[] }[] = [];
  const px = new Float64Array(x.length / 3);
  const py = new Float64Array(y.length / 3);
  for (let it = 0; it < (o.iterations ?? 10); it++) {
    const rot = it === 0 ? [1, 0, 0, 0, 1, 0, 0, 0, 1] : randomRotation(gauss);
    const curves: Curve1D[] = [];
    for (let j = 0; j < 3; j++) {
      project(x, rot, j, px);
      project(y, rot, j, py);
      curves.push(transferCurve(px, py, { knots: 48, smoothing: 0.5, minSlope: 1 / 3, maxSlope: 3, extrapolation: 'shift' }));
    }
    const step = { rot, curves };
    steps.push(step);
    applyStep(step, x);
  }
  return (p) => {
    for (const s of steps) applyStep(s, p);
  };
}

function project(p: Float32Array, rot: Mat3, row: number, out: Float64Array): void {
  const a = rot[row * 3];
  const b = rot[row * 3 + 1];
  const c = rot[row * 3 + 2];
  for (let i = 0, k = 0; k < out.length; i += 3, k++) out[k] = a * p[i] + b * p[i + 1] + c * p[i + 2];
}

/** x ← x + Rᵀ (f(Rx) − Rx). */
function applyStep(step: { rot: Mat3; curves: Curve1D[] }, p: Float32Array): void {
  const r = step.rot;
  const rt = mat3Transpose(r);
  const [c0, c1, c2] = step.curves;
  for (let i = 0; i < p.length; i += 3) {
    const u0 = r[0] * p[i] + r[1] * p[i + 1] + r[2] * p[i + 2];
    const u1 = r[3] * p[i] + r[4] * p[i + 1] + r[5] * p[i + 2];
    const u2 = r[6] * p[i] + r[7] * p[i + 1] + r[8] * p[i + 2];
    const d0 = evalCurve(c0, u0) - u0;
    const d1 = evalCurve(c1, u1) - u1;
    const d2 = evalCurve(c2, u2) - u2;
    p[i] += rt[0] * d0 + rt[1] * d1 + rt[2] * d2;
    p[i + 1] += rt[3] * d0 + rt[4] * d1 + rt[5] * d2;
    p[i + 2] += rt[6] * d0 + rt[7] * d1 + rt[8] * d2;
  }
}

/** A uniformly distributed rotation: Gram–Schmidt on a Gaussian matrix. */
function randomRotation(gauss: () => number): Mat3 {
  const v = Array.from({ length: 9 }, () => gauss());
  const rows: number[][] = [];
  for (let r = 0; r < 3; r++) {
    let row = v.slice(r * 3, r * 3 + 3);
    for (const prev of rows) {
      const d = row[0] * prev[0] + row[1] * prev[1] + row[2] * prev[2];
      row = row.map((x, k) => x - d * prev[k]);
    }
    const n = Math.hypot(row[0], row[1], row[2]);
    rows.push(row.map((x) => x / n));
  }
  return rows.flat();
}
