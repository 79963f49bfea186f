/**
 * Structure measures between two single-channel images of the same size
 * (e.g. L* of a result and of the target it came from).
 */

/**
 * Pearson correlation of the Sobel gradient fields (∂x and ∂y pooled): 1 when
 * every edge keeps its relative strength and polarity, lower when a transform
 * flattens, exaggerates or inverts edges unevenly.
 */
export function gradientCorrelation(a: Float32Array, b: Float32Array, width: number, height: number): number {
  if (a.length !== width * height || b.length !== a.length) throw new RangeError('gradientCorrelation: size mismatch');
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const ga = sobel(a, width, x, y);
      const gb = sobel(b, width, x, y);
      for (let k = 0; k < 2; k++) {
        const u = ga[k];
        const v = gb[k];
        sa += u;
        sb += v;
        saa += u * u;
        sbb += v * v;
        sab += u * v;
        n++;
      }
    }
  }
  if (n === 0) return 1;
  const cov = sab / n - (sa / n) * (sb / n);
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  if (va <= 1e-20 || vb <= 1e-20) return va <= 1e-20 && vb <= 1e-20 ? 1 : 0;
  return cov / Math.sqrt(va * vb);
}

function sobel(p: Float32Array, w: number, x: number, y: number): [number, number] {
  const i = y * w + x;
  const gx = p[i - w + 1] + 2 * p[i + 1] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - 1] - p[i + w - 1];
  const gy = p[i + w - 1] + 2 * p[i + w] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - w] - p[i - w + 1];
  return [gx, gy];
}

/**
 * Mean SSIM (Wang et al. 2004): 11×11 Gaussian window σ = 1.5, K1 = 0.01,
 * K2 = 0.03, `range` the dynamic range of the values (100 for L*).
 */
export function ssim(a: Float32Array, b: Float32Array, width: number, height: number, range = 100): number {
  if (a.length !== width * height || b.length !== a.length) throw new RangeError('ssim: size mismatch');
  const c1 = (0.01 * range) ** 2;
  const c2 = (0.03 * range) ** 2;
  const n = a.length;
  const ab = new Float32Array(n);
  const aa = new Float32Array(n);
  const bb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    aa[i] = a[i] * a[i];
    bb[i] = b[i] * b[i];
    ab[i] = a[i] * b[i];
  }
  const [ma, mb, saa, sbb, sab] = [a, b, aa, bb, ab].map((img) => gaussian(img, width, height));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const va = saa[i] - ma[i] * ma[i];
    const vb = sbb[i] - mb[i] * mb[i];
    const cov = sab[i] - ma[i] * mb[i];
    total += ((2 * ma[i] * mb[i] + c1) * (2 * cov + c2)) / ((ma[i] ** 2 + mb[i] ** 2 + c1) * (va + vb + c2));
  }
  return total / n;
}

const KERNEL = (() => {
  const k = new Float32Array(11);
  let s = 0;
  for (let i = -5; i <= 5; i++) s += k[i + 5] = Math.exp(-(i * i) / (2 * 1.5 * 1.5));
  return k.map((v) => v / s);
})();

/** Separable 11-tap Gaussian with edge renormalisation. */
function gaussian(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let ws = 0;
      for (let d = -5; d <= 5; d++) {
        const xx = x + d;
        if (xx < 0 || xx >= w) continue;
        s += KERNEL[d + 5] * src[y * w + xx];
        ws += KERNEL[d + 5];
      }
      tmp[y * w + x] = s / ws;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let ws = 0;
      for (let d = -5; d <= 5; d++) {
        const yy = y + d;
        if (yy < 0 || yy >= h) continue;
        s += KERNEL[d + 5] * tmp[yy * w + x];
        ws += KERNEL[d + 5];
      }
      out[y * w + x] = s / ws;
    }
  }
  return out;
}
