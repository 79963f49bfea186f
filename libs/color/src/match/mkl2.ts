/**
 * 2×2 symmetric-matrix helpers for chroma-plane transfers: the linear
 * Monge–Kantorovich map between two 2-D Gaussians, with its gains (the
 * eigenvalues of the symmetric map) clamped to [1/maxGain, maxGain].
 * Matrices are [m00, m01, m11] (symmetric) or [a, b, c, d] (general, row-major).
 */
export type Sym2 = [number, number, number];

export function sym2Function(m: Sym2, f: (x: number) => number): Sym2 {
  const [a, b, c] = m;
  const tr = (a + c) / 2;
  const disc = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const l1 = tr + disc;
  const l2 = tr - disc;
  // Eigenvector of l1: (b, l1 − a) or (l1 − c, b); pick the better conditioned.
  let vx = b;
  let vy = l1 - a;
  if (Math.hypot(vx, vy) < 1e-15) {
    vx = l1 - c;
    vy = b;
  }
  const n = Math.hypot(vx, vy);
  if (n < 1e-15) {
    // Already diagonal with equal entries, or exactly diagonal.
    return [f(a), 0, f(c)];
  }
  vx /= n;
  vy /= n;
  const f1 = f(l1);
  const f2 = f(l2);
  // M = f1 v vᵀ + f2 w wᵀ with w ⟂ v
  return [f1 * vx * vx + f2 * vy * vy, (f1 - f2) * vx * vy, f1 * vy * vy + f2 * vx * vx];
}

export function sym2Mul(a: Sym2, b: Sym2): [number, number, number, number] {
  return [a[0] * b[0] + a[1] * b[1], a[0] * b[1] + a[1] * b[2], a[1] * b[0] + a[2] * b[1], a[1] * b[1] + a[2] * b[2]];
}

function symmetrise(m: [number, number, number, number]): Sym2 {
  return [m[0], (m[1] + m[2]) / 2, m[3]];
}

/**
 * T = S^{-1/2} (S^{1/2} R S^{1/2})^{1/2} S^{-1/2} (symmetric positive
 * definite), eigenvalues clamped to [1/maxGain, maxGain]. `floor` keeps a
 * near-degenerate source (e.g. a grey image's chroma) from asking for an
 * unbounded gain.
 */
export function mkl2(covS: Sym2, covR: Sym2, maxGain = Infinity, floor = 1e-8): Sym2 {
  const safe = (x: number): number => Math.max(x, floor);
  const sHalf = sym2Function(covS, (x) => Math.sqrt(safe(x)));
  const sInvHalf = sym2Function(covS, (x) => 1 / Math.sqrt(safe(x)));
  const mid = sym2Function(symmetrise(sym2Mul(sHalf, symmetrise(sym2Mul(covR, sHalf)))), (x) => Math.sqrt(Math.max(0, x)));
  const t = symmetrise(sym2Mul(sInvHalf, symmetrise(sym2Mul(mid, sInvHalf))));
  if (!Number.isFinite(maxGain)) return t;
  return sym2Function(t, (x) => Math.min(maxGain, Math.max(1 / maxGain, x)));
}
