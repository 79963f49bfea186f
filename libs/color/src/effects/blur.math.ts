/**
 * Gaussian blur of one plane in O(pixels), whatever the radius.
 *
 * - Three successive box filters approximate a Gaussian (central limit; Wells
 *   1986). Each box is a running sum, so its cost does not depend on its
 *   width. Box radii are FRACTIONAL (the two end taps weighted α), so σ is
 *   continuous: a blur of σ = 0.006·diagonal is the same blur on a proxy and
 *   on the original, instead of jumping between integer widths.
 * - Each pass is separable (rows, then columns); the column pass walks rows
 *   with a per-column accumulator so memory is read in order.
 * - Edges replicate the border pixel (no darkening toward the frame).
 * - Large σ: the plane is first area-averaged by an integer factor f (so the
 *   blur at low resolution has σ ≥ 3 px), blurred, and bilinearly upsampled.
 *   Area-averaging adds variance f²/12 and bilinear upsampling ≈ f²/6 per
 *   axis, so the low-resolution σ is reduced to keep the total σ exact:
 *   σ_low = √(σ² − f²/4) / f.
 */
export function gaussianBlur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  return gaussianBlurMix(src, width, height, [[sigma, 1]]);
}

/**
 * Σ_k weight_k · (G_σk * src): several blurs of one plane sharing a single
 * downsample and a single upsample (the reduction factor follows the
 * smallest σ; blurring and upsampling are linear, so mixing at low
 * resolution equals mixing at full resolution).
 */
export function gaussianBlurMix(src: Float32Array, width: number, height: number, terms: readonly [number, number][]): Float32Array {
  const minSigma = Math.min(...terms.map(([s]) => s));
  const f = Math.max(1, Math.floor(minSigma / 3));
  const lw = Math.ceil(width / f);
  const lh = Math.ceil(height / f);
  const low = f === 1 ? src : downsample(src, width, height, f, lw, lh);
  const mix = new Float32Array(lw * lh);
  for (const [sigma, weight] of terms) {
    const sLow = f === 1 ? sigma : Math.sqrt(Math.max(0, sigma * sigma - (f * f) / 4)) / f;
    const blurred = sLow > 0.3 ? boxBlur3(low, lw, lh, sLow) : low;
    for (let i = 0; i < mix.length; i++) mix[i] += weight * blurred[i];
  }
  return f === 1 ? mix : upsample(mix, lw, lh, f, width, height);
}

/** Three fractional-radius box passes with total variance σ². */
export function boxBlur3(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const r = boxRadiusForVariance((sigma * sigma) / 3);
  const a = src.slice();
  const b = new Float32Array(src.length);
  for (let pass = 0; pass < 3; pass++) {
    boxRows(a, b, width, height, r);
    boxCols(b, a, width, height, r);
  }
  return a;
}

/**
 * Radius r = k + α of a fractional box (taps −k..k at weight 1, ±(k+1) at
 * weight α, normalised) whose variance is v:
 *   Var = [Σ_{|j|≤k} j² + 2α(k+1)²] / (2k + 1 + 2α).
 */
export function boxRadiusForVariance(v: number): number {
  let k = 0;
  // Largest integer k whose plain box variance k(k+1)/3 does not exceed v.
  while (((k + 1) * (k + 2)) / 3 <= v) k++;
  const s2 = (k * (k + 1) * (2 * k + 1)) / 3; // Σ_{|j|≤k} j²
  const q = (k + 1) * (k + 1);
  // Solve (s2 + 2αq) = v(2k + 1 + 2α) for α.
  const alpha = (v * (2 * k + 1) - s2) / (2 * q - 2 * v);
  return k + Math.min(1, Math.max(0, alpha));
}

function boxRows(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
  const k = Math.floor(r);
  const a = r - k;
  const inv = 1 / (2 * k + 1 + 2 * a);
  const last = w - 1;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let sum = 0;
    for (let j = -k; j <= k; j++) sum += src[o + (j < 0 ? 0 : j > last ? last : j)];
    for (let x = 0; x < w; x++) {
      const lo = x - k - 1;
      const hi = x + k + 1;
      const vlo = src[o + (lo < 0 ? 0 : lo > last ? last : lo)];
      const vhi = src[o + (hi > last ? last : hi)];
      dst[o + x] = (sum + a * (vlo + vhi)) * inv;
      const out = x - k;
      sum += vhi - src[o + (out < 0 ? 0 : out)];
    }
  }
}

function boxCols(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
  const k = Math.floor(r);
  const a = r - k;
  const inv = 1 / (2 * k + 1 + 2 * a);
  const last = h - 1;
  const acc = new Float64Array(w);
  const row = (y: number) => (y < 0 ? 0 : y > last ? last : y) * w;
  for (let j = -k; j <= k; j++) {
    const o = row(j);
    for (let x = 0; x < w; x++) acc[x] += src[o + x];
  }
  for (let y = 0; y < h; y++) {
    const oLo = row(y - k - 1);
    const oHi = row(y + k + 1);
    const oOut = row(y - k);
    const od = y * w;
    for (let x = 0; x < w; x++) {
      const vhi = src[oHi + x];
      dst[od + x] = (acc[x] + a * (src[oLo + x] + vhi)) * inv;
      acc[x] += vhi - src[oOut + x];
    }
  }
}

/** Area average over f × f cells (partial cells at the right/bottom edge averaged over what they cover). */
export function downsample(src: Float32Array, w: number, h: number, f: number, lw: number, lh: number): Float32Array {
  const out = new Float32Array(lw * lh);
  const count = new Float32Array(lw * lh);
  const col = new Int32Array(w);
  for (let x = 0; x < w; x++) col[x] = (x / f) | 0;
  for (let y = 0; y < h; y++) {
    const ly = ((y / f) | 0) * lw;
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const i = ly + col[x];
      out[i] += src[o + x];
      count[i]++;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= count[i];
  return out;
}

/** Bilinear upsample of a low-resolution plane whose cell i covers pixels [i·f, (i+1)·f). */
export function upsample(low: Float32Array, lw: number, lh: number, f: number, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const x0 = new Int32Array(w);
  const x1 = new Int32Array(w);
  const fx = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const u = (x + 0.5) / f - 0.5;
    const i = Math.floor(u);
    fx[x] = u - i;
    x0[x] = Math.min(lw - 1, Math.max(0, i));
    x1[x] = Math.min(lw - 1, Math.max(0, i + 1));
  }
  for (let y = 0; y < h; y++) {
    const v = (y + 0.5) / f - 0.5;
    const j = Math.floor(v);
    const fy = v - j;
    const r0 = Math.min(lh - 1, Math.max(0, j)) * lw;
    const r1 = Math.min(lh - 1, Math.max(0, j + 1)) * lw;
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const a = low[r0 + x0[x]] + fx[x] * (low[r0 + x1[x]] - low[r0 + x0[x]]);
      const b = low[r1 + x0[x]] + fx[x] * (low[r1 + x1[x]] - low[r1 + x0[x]]);
      out[o + x] = a + fy * (b - a);
    }
  }
  return out;
}
