/**
 * 3×3 matrix helpers. Matrices are row-major `number[9]` (or any ArrayLike of 9),
 * small and allocation-light: every colour-space conversion and every linear
 * transfer (MKL) in the engine goes through these.
 */
export type Mat3 = number[];

export const IDENTITY3: readonly number[] = Object.freeze([1, 0, 0, 0, 1, 0, 0, 0, 1]);

/** a · b */
export function mat3Mul(a: ArrayLike<number>, b: ArrayLike<number>): Mat3 {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
    }
  }
  return out;
}

/** m · v for a 3-vector. */
export function mat3Apply(m: ArrayLike<number>, v: ArrayLike<number>): [number, number, number] {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  ];
}

export function mat3Transpose(m: ArrayLike<number>): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

export function mat3Det(m: ArrayLike<number>): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

/** Inverse; throws on a singular matrix (callers regularise first). */
export function mat3Inverse(m: ArrayLike<number>): Mat3 {
  const det = mat3Det(m);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-300) throw new RangeError('mat3Inverse: singular matrix');
  const d = 1 / det;
  return [
    (m[4] * m[8] - m[5] * m[7]) * d,
    (m[2] * m[7] - m[1] * m[8]) * d,
    (m[1] * m[5] - m[2] * m[4]) * d,
    (m[5] * m[6] - m[3] * m[8]) * d,
    (m[0] * m[8] - m[2] * m[6]) * d,
    (m[2] * m[3] - m[0] * m[5]) * d,
    (m[3] * m[7] - m[4] * m[6]) * d,
    (m[1] * m[6] - m[0] * m[7]) * d,
    (m[0] * m[4] - m[1] * m[3]) * d,
  ];
}

export function mat3Diag(a: number, b: number, c: number): Mat3 {
  return [a, 0, 0, 0, b, 0, 0, 0, c];
}

/**
 * Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations.
 * Returns eigenvalues and the eigenvectors as the COLUMNS of `vectors`
 * (so m = V · diag(values) · Vᵀ). Converges to machine precision in < 10 sweeps.
 */
export function symmetricEigen3(m: ArrayLike<number>): { values: [number, number, number]; vectors: Mat3 } {
  const a = Array.from({ length: 9 }, (_, i) => m[i]);
  const v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
    if (off < 1e-30) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const apq = a[p * 3 + q];
      if (Math.abs(apq) < 1e-300) continue;
      const app = a[p * 3 + p];
      const aqq = a[q * 3 + q];
      const theta = (aqq - app) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      // A ← Jᵀ A J with J the Givens rotation in the (p, q) plane.
      for (let k = 0; k < 3; k++) {
        const akp = a[k * 3 + p];
        const akq = a[k * 3 + q];
        a[k * 3 + p] = c * akp - s * akq;
        a[k * 3 + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p * 3 + k];
        const aqk = a[q * 3 + k];
        a[p * 3 + k] = c * apk - s * aqk;
        a[q * 3 + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k * 3 + p];
        const vkq = v[k * 3 + q];
        v[k * 3 + p] = c * vkp - s * vkq;
        v[k * 3 + q] = s * vkp + c * vkq;
      }
    }
  }
  return { values: [a[0], a[4], a[8]], vectors: v };
}

/**
 * f(m) for a symmetric positive semi-definite m, applied to its eigenvalues
 * (negative eigenvalues from round-off are clamped to `floor` first).
 */
export function symmetricMatrixFunction(m: ArrayLike<number>, f: (x: number) => number, floor = 0): Mat3 {
  const { values, vectors: v } = symmetricEigen3(m);
  const d = values.map((x) => f(Math.max(x, floor)));
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += v[r * 3 + k] * d[k] * v[c * 3 + k];
      out[r * 3 + c] = s;
    }
  }
  return out;
}
