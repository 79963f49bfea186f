/**
 * The guided filter (He, Sun & Tang, "Guided Image Filtering", ECCV 2010 / TPAMI 2013)
 * with a grey guide: in every (2r+1)² window the output is a linear function of the
 * guide, q = a·I + b, with a = cov(I, p) / (var(I) + ε) and b = mean(p) − a·mean(I),
 * then a and b averaged over the windows that cover each pixel. Where the matte p is
 * flat (inside or outside the subject) cov(I, p) = 0, so q = p; across an edge the
 * matte takes the guide's edge: a soft, upscaled model matte snaps to the image's own
 * edges (hair, fur). ε (on 0–1 values) sets which guide edges count: an edge whose
 * variance is well below ε is smoothed over like flat texture.
 *
 * Every box mean is two running-sum passes (rows, then columns), O(1) per pixel
 * whatever the radius; windows are clipped at the image's border and divided by the
 * pixels they really hold.
 *
 * `subsample` s > 1 is the fast guided filter (He & Sun, arXiv 1505.00996): a and b are
 * computed on the guide and matte averaged over s×s blocks with radius r / s, and only
 * their bilinear upsampling and q = a·I + b run at full resolution — memory and time
 * ÷ s², the result within a small error of the exact filter because a and b are
 * smooth by construction.
 */

export interface GuidedFilterOptions {
  /** Window radius in full-resolution pixels (the window is (2r+1)²). */
  radius: number;
  /** Regularisation on 0–1 values: larger keeps the matte smoother, smaller follows weaker guide edges. */
  eps: number;
  /** Block size of the fast variant (1: exact). */
  subsample?: number;
}

/**
 * Box mean of `value(i)` over (2r+1)² windows clipped at the border, into `out`;
 * `tmp` (same length) holds the row pass. Column sums run in float64 so a 12 MP image's
 * long runs do not drift.
 */
export function boxMean(value: (i: number) => number, width: number, height: number, radius: number, out: Float32Array, tmp: Float32Array): Float32Array {
  const r = Math.max(0, Math.floor(radius));
  // Rows: a running sum over [x − r, x + r].
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    const first = Math.min(r, width - 1);
    for (let x = 0; x <= first; x++) sum += value(row + x);
    for (let x = 0; x < width; x++) {
      const lo = x - r;
      const hi = x + r;
      const count = Math.min(hi, width - 1) - Math.max(lo, 0) + 1;
      tmp[row + x] = sum / count;
      if (hi + 1 < width) sum += value(row + hi + 1);
      if (lo >= 0) sum -= value(row + lo);
    }
  }
  // Columns: the row means weighted by their window's width are already normalised per
  // row, so a plain mean of them over [y − r, y + r] is the window's mean.
  const sums = new Float64Array(width);
  const firstRow = Math.min(r, height - 1);
  for (let y = 0; y <= firstRow; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) sums[x] += tmp[row + x];
  }
  for (let y = 0; y < height; y++) {
    const lo = y - r;
    const hi = y + r;
    const count = Math.min(hi, height - 1) - Math.max(lo, 0) + 1;
    const row = y * width;
    const add = hi + 1 < height ? (hi + 1) * width : -1;
    const sub = lo >= 0 ? lo * width : -1;
    for (let x = 0; x < width; x++) {
      out[row + x] = sums[x] / count;
      if (add >= 0) sums[x] += tmp[add + x];
      if (sub >= 0) sums[x] -= tmp[sub + x];
    }
  }
  return out;
}

/** The windows' mean a and b of the filter (Float32, 0–1 scale) for a guide and matte given as 0–1 readers. */
function coefficients(guide: (i: number) => number, matte: (i: number) => number, width: number, height: number, radius: number, eps: number): { a: Float32Array; b: Float32Array } {
  const n = width * height;
  const tmp = new Float32Array(n);
  const meanI = boxMean(guide, width, height, radius, new Float32Array(n), tmp);
  const meanP = boxMean(matte, width, height, radius, new Float32Array(n), tmp);
  const corrII = boxMean((i) => guide(i) * guide(i), width, height, radius, new Float32Array(n), tmp);
  const corrIP = boxMean((i) => guide(i) * matte(i), width, height, radius, new Float32Array(n), tmp);
  // a into corrIP, b into meanP: the buffers are not read again.
  for (let i = 0; i < n; i++) {
    const mi = meanI[i];
    const a = (corrIP[i] - mi * meanP[i]) / (corrII[i] - mi * mi + eps);
    corrIP[i] = a;
    meanP[i] = meanP[i] - a * mi;
  }
  const a = boxMean((i) => corrIP[i], width, height, radius, corrII, tmp);
  const b = boxMean((i) => meanP[i], width, height, radius, meanI, tmp);
  return { a, b };
}

const toByte = (v: number) => (v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255));

/** Averages s×s blocks (the last ones partial) of an 8-bit plane into 0–1 floats. */
export function blockMean(plane: Uint8Array, width: number, height: number, s: number): { data: Float32Array; width: number; height: number } {
  const w = Math.ceil(width / s);
  const h = Math.ceil(height / s);
  const sums = new Float32Array(w * h);
  const counts = new Uint32Array(w * h);
  for (let y = 0; y < height; y++) {
    const by = Math.floor(y / s) * w;
    for (let x = 0; x < width; x++) {
      const k = by + Math.floor(x / s);
      sums[k] += plane[y * width + x];
      counts[k] += 1;
    }
  }
  for (let k = 0; k < sums.length; k++) sums[k] /= counts[k] * 255;
  return { data: sums, width: w, height: h };
}

/**
 * Filters an 8-bit matte with an 8-bit grey guide of the same size; returns the new
 * 8-bit matte (clamped to 0–255).
 */
export function guidedFilter(guide: Uint8Array, matte: Uint8Array, width: number, height: number, options: GuidedFilterOptions): Uint8Array {
  if (guide.length !== width * height || matte.length !== width * height) throw new RangeError('guide and matte must both be width × height');
  const s = Math.max(1, Math.floor(options.subsample ?? 1));
  const out = new Uint8Array(width * height);
  const inv = 1 / 255;
  if (s === 1) {
    const { a, b } = coefficients((i) => guide[i] * inv, (i) => matte[i] * inv, width, height, options.radius, options.eps);
    for (let i = 0; i < out.length; i++) out[i] = toByte(a[i] * guide[i] * inv + b[i]);
    return out;
  }
  const g = blockMean(guide, width, height, s);
  const p = blockMean(matte, width, height, s);
  const { a, b } = coefficients((i) => g.data[i], (i) => p.data[i], g.width, g.height, Math.max(1, Math.round(options.radius / s)), options.eps);
  // Bilinear upsampling of a and b, block centres at ((k + 0.5)·s − 0.5).
  const sw = g.width;
  const sh = g.height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) / s - 0.5, 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) / s - 0.5, 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = fx - x0;
      const k00 = y0 * sw + x0;
      const k01 = y0 * sw + x1;
      const k10 = y1 * sw + x0;
      const k11 = y1 * sw + x1;
      const top = (1 - wx) * a[k00] + wx * a[k01];
      const bottom = (1 - wx) * a[k10] + wx * a[k11];
      const topB = (1 - wx) * b[k00] + wx * b[k01];
      const bottomB = (1 - wx) * b[k10] + wx * b[k11];
      const i = y * width + x;
      out[i] = toByte(((1 - wy) * top + wy * bottom) * guide[i] * inv + (1 - wy) * topB + wy * bottomB);
    }
  }
  return out;
}
