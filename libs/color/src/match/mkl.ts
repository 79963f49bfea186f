import { Mat3, mat3Mul, symmetricMatrixFunction } from '../util/mat3';

/** Mean and covariance of packed triples. */
export function meanCov(p: Float32Array): { mean: [number, number, number]; cov: Mat3 } {
  const n = p.length / 3;
  const m = [0, 0, 0];
  for (let i = 0; i < p.length; i += 3) for (let c = 0; c < 3; c++) m[c] += p[i + c];
  for (let c = 0; c < 3; c++) m[c] /= n;
  const cov = new Array<number>(9).fill(0);
  for (let i = 0; i < p.length; i += 3) {
    const d0 = p[i] - m[0];
    const d1 = p[i + 1] - m[1];
    const d2 = p[i + 2] - m[2];
    cov[0] += d0 * d0;
    cov[1] += d0 * d1;
    cov[2] += d0 * d2;
    cov[4] += d1 * d1;
    cov[5] += d1 * d2;
    cov[8] += d2 * d2;
  }
  cov[3] = cov[1];
  cov[6] = cov[2];
  cov[7] = cov[5];
  return { mean: m as [number, number, number], cov: cov.map((v) => v / n) };
}

export interface AffineMap3 {
  matrix: Mat3;
  srcMean: [number, number, number];
  refMean: [number, number, number];
}

/**
 * Linear Monge–Kantorovich transfer (Pitié & Kokaram 2007): the affine map
 * x ↦ T (x − μs) + μr with
 *   T = Σs^{-1/2} (Σs^{1/2} Σr Σs^{1/2})^{1/2} Σs^{-1/2},
 * the optimal-transport map between the two Gaussians — it matches means and
 * covariances with the least total displacement. `eps` floors Σs's
 * eigenvalues (relative to its largest) so a nearly flat source cannot blow
 * the map up.
 */
export function fitMkl(src: Float32Array, ref: Float32Array, eps = 1e-8): AffineMap3 {
  const s = meanCov(src);
  const r = meanCov(ref);
  return { matrix: mklMatrix(s.cov, r.cov, eps), srcMean: s.mean, refMean: r.mean };
}

export function mklMatrix(covS: Mat3, covR: Mat3, eps = 1e-8): Mat3 {
  const top = Math.max(covS[0], covS[4], covS[8], 1e-30);
  const floor = eps * top;
  const sHalf = symmetricMatrixFunction(covS, Math.sqrt, floor);
  const sInvHalf = symmetricMatrixFunction(covS, (x) => 1 / Math.sqrt(x), floor);
  const middle = symmetricMatrixFunction(mat3Mul(sHalf, mat3Mul(covR, sHalf)), Math.sqrt, 0);
  return mat3Mul(sInvHalf, mat3Mul(middle, sInvHalf));
}

/** Apply an affine map to packed triples in place. */
export function applyAffine3(map: AffineMap3, p: Float32Array): Float32Array {
  const { matrix: m, srcMean: s, refMean: r } = map;
  for (let i = 0; i < p.length; i += 3) {
    const x = p[i] - s[0];
    const y = p[i + 1] - s[1];
    const z = p[i + 2] - s[2];
    p[i] = m[0] * x + m[1] * y + m[2] * z + r[0];
    p[i + 1] = m[3] * x + m[4] * y + m[5] * z + r[1];
    p[i + 2] = m[6] * x + m[7] * y + m[8] * z + r[2];
  }
  return p;
}
