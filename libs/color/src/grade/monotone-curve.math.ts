import type { CurvePoint } from './grade-values.model';

/**
 * Monotone cubic interpolation (Fritsch & Carlson, 1980) through tone-curve
 * control points. A plain cubic spline overshoots between close points and
 * can make a curve go DOWN (tones invert, solarise); Fritsch–Carlson limits
 * the Hermite tangents so that each segment stays monotone whenever the data
 * is: with secant slopes d_k = Δy/Δx,
 *   m_k = (d_{k−1} + d_k)/2 inside (0 where the secants change sign or vanish),
 *   m_0 = d_0, m_{n−1} = d_{n−2},
 *   and where α² + β² > 9 (α = m_k/d_k, β = m_{k+1}/d_k) both are scaled by 3/√(α² + β²).
 * The result is C¹, passes through every point and is monotone.
 * Outside [x_0, x_{n−1}] the curve holds its end values (editor convention).
 *
 * Points must have strictly increasing x (validated upstream).
 */
export function monotoneCurve(points: readonly CurvePoint[]): (x: number) => number {
  const n = points.length;
  if (n === 0) return (x) => x;
  if (n === 1) {
    const y0 = points[0][1];
    return () => y0;
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const d = new Array<number>(n - 1);
  for (let k = 0; k < n - 1; k++) d[k] = (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]);
  const m = new Array<number>(n);
  m[0] = d[0];
  m[n - 1] = d[n - 2];
  for (let k = 1; k < n - 1; k++) m[k] = d[k - 1] * d[k] <= 0 ? 0 : (d[k - 1] + d[k]) / 2;
  for (let k = 0; k < n - 1; k++) {
    if (d[k] === 0) {
      m[k] = 0;
      m[k + 1] = 0;
      continue;
    }
    const a = m[k] / d[k];
    const b = m[k + 1] / d[k];
    const s = a * a + b * b;
    if (s > 9) {
      const t = 3 / Math.sqrt(s);
      m[k] = t * a * d[k];
      m[k + 1] = t * b * d[k];
    }
  }
  const x0 = xs[0];
  const xn = xs[n - 1];
  return (x) => {
    if (!(x > x0)) return ys[0]; // NaN → first value
    if (x >= xn) return ys[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    const h = xs[hi] - xs[lo];
    const t = (x - xs[lo]) / h;
    const t2 = t * t;
    const t3 = t2 * t;
    // Cubic Hermite basis.
    return (
      (2 * t3 - 3 * t2 + 1) * ys[lo] + (t3 - 2 * t2 + t) * h * m[lo] + (-2 * t3 + 3 * t2) * ys[hi] + (t3 - t2) * h * m[hi]
    );
  };
}

/** True when the points describe y = x on [0, 1] (so the curve can be skipped). */
export function isIdentityCurve(points: readonly CurvePoint[]): boolean {
  if (points.length === 0) return true;
  if (points[0][0] !== 0 || points[points.length - 1][0] !== 1) return false;
  return points.every(([x, y]) => x === y);
}
