import { ColorTransform, fitMkl, applyAffine3, srgbToLinear, linearToSrgb, selectPercentiles } from '@gradekit/color';

/**
 * Textbook colour-transfer baselines, implemented here (not in the library)
 * exactly as published, so the harness compares against the classics and not
 * against our own variants. All are pointwise maps on sRGB-encoded RGB 0..1.
 */

/** Reinhard, Ashikhmin, Gooch & Shirley (2001): per-channel mean/std transfer in Ruderman's lαβ. */
export function reinhard(src: Float32Array, ref: Float32Array): ColorTransform {
  const s = momentsLab(src);
  const r = momentsLab(ref);
  return (rgb) => {
    for (let i = 0; i < rgb.length; i += 3) {
      const lab = toLalphabeta(rgb[i], rgb[i + 1], rgb[i + 2]);
      for (let c = 0; c < 3; c++) lab[c] = ((lab[c] - s.mean[c]) * r.std[c]) / Math.max(s.std[c], 1e-6) + r.mean[c];
      const out = fromLalphabeta(lab[0], lab[1], lab[2]);
      for (let c = 0; c < 3; c++) rgb[i + c] = clamp(out[c]);
    }
  };
}

/** Pitié & Kokaram (2007) linear Monge–Kantorovich transfer in RGB (their reference code's space). */
export function mklRgb(src: Float32Array, ref: Float32Array): ColorTransform {
  const map = fitMkl(src, ref, 2.2e-16);
  return (rgb) => {
    applyAffine3(map, rgb);
    for (let i = 0; i < rgb.length; i++) rgb[i] = clamp(rgb[i]);
  };
}

/** Per-channel histogram matching in RGB (continuous: interpolated CDF → inverse CDF, 1024 quantiles). */
export function histogramMatch(src: Float32Array, ref: Float32Array): ColorTransform {
  const levels = Array.from({ length: 1024 }, (_, k) => (k / 1023) * 100);
  const qs = [0, 1, 2].map((c) => selectPercentiles(channel(src, c), levels));
  const qr = [0, 1, 2].map((c) => selectPercentiles(channel(ref, c), levels));
  return (rgb) => {
    for (let i = 0; i < rgb.length; i += 3) for (let c = 0; c < 3; c++) rgb[i + c] = clamp(interpQuantile(rgb[i + c], qs[c], qr[c]));
  };
}

/** hm-mkl-hm: histogram matching, then MKL, then histogram matching again (each refitted on the updated image). */
export function hmMklHm(src: Float32Array, ref: Float32Array): ColorTransform {
  const hm1 = histogramMatch(src, ref);
  const a = src.slice();
  hm1(a);
  const mkl = mklRgb(a, ref);
  const b = a.slice();
  mkl(b);
  const hm2 = histogramMatch(b, ref);
  return (rgb) => {
    hm1(rgb);
    mkl(rgb);
    hm2(rgb);
  };
}

function interpQuantile(v: number, qs: number[], qr: number[]): number {
  const n = qs.length;
  if (v <= qs[0]) return qr[0];
  if (v >= qs[n - 1]) return qr[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (qs[mid] <= v) lo = mid;
    else hi = mid;
  }
  // Equal source quantiles (a flat histogram region): take the middle of the reference range.
  let l = lo;
  while (l > 0 && qs[l - 1] === qs[lo]) l--;
  let h = hi;
  while (h < n - 1 && qs[h] === qs[h + 1] && qs[h] === v) h++;
  const span = qs[hi] - qs[lo];
  if (span <= 0) return (qr[l] + qr[h]) / 2;
  return qr[lo] + ((v - qs[lo]) / span) * (qr[hi] - qr[lo]);
}

function channel(p: Float32Array, c: number): Float64Array {
  const out = new Float64Array(p.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = p[i * 3 + c];
  return out;
}

function clamp(v: number): number {
  return v > 0 ? (v < 1 ? v : 1) : 0;
}

// Ruderman lαβ via LMS (Reinhard et al. 2001, eqs. 1–6), on linear RGB.
function toLalphabeta(r8: number, g8: number, b8: number): number[] {
  const r = srgbToLinear(r8);
  const g = srgbToLinear(g8);
  const b = srgbToLinear(b8);
  const L = Math.log10(Math.max(1e-6, 0.3811 * r + 0.5783 * g + 0.0402 * b));
  const M = Math.log10(Math.max(1e-6, 0.1967 * r + 0.7244 * g + 0.0782 * b));
  const S = Math.log10(Math.max(1e-6, 0.0241 * r + 0.1288 * g + 0.8444 * b));
  return [(L + M + S) / Math.sqrt(3), (L + M - 2 * S) / Math.sqrt(6), (L - M) / Math.sqrt(2)];
}

function fromLalphabeta(l: number, a: number, b: number): number[] {
  const x = l / Math.sqrt(3);
  const y = a / Math.sqrt(6);
  const z = b / Math.sqrt(2);
  const L = Math.pow(10, x + y + z);
  const M = Math.pow(10, x + y - z);
  const S = Math.pow(10, x - 2 * y);
  const r = 4.4679 * L - 3.5873 * M + 0.1193 * S;
  const g = -1.2186 * L + 2.3809 * M - 0.1624 * S;
  const bl = 0.0497 * L - 0.2439 * M + 1.2045 * S;
  return [linearToSrgb(clamp(r)), linearToSrgb(clamp(g)), linearToSrgb(clamp(bl))];
}

function momentsLab(rgb: Float32Array): { mean: number[]; std: number[] } {
  const s = [0, 0, 0];
  const s2 = [0, 0, 0];
  const n = rgb.length / 3;
  for (let i = 0; i < rgb.length; i += 3) {
    const lab = toLalphabeta(rgb[i], rgb[i + 1], rgb[i + 2]);
    for (let c = 0; c < 3; c++) {
      s[c] += lab[c];
      s2[c] += lab[c] * lab[c];
    }
  }
  const mean = s.map((v) => v / n);
  return { mean, std: s2.map((v, c) => Math.sqrt(Math.max(0, v / n - mean[c] ** 2))) };
}
