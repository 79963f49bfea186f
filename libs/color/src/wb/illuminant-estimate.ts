import { cctToXy } from '../space/cct';
import { srgbToLinearFast as srgbToLinear } from '../space/srgb';
import { LUMA_B, LUMA_G, LUMA_R, XYZ_TO_SRGB, xyToXyz } from '../space/xyz';
import { mat3Apply } from '../util/mat3';
import { percentileOfSorted } from '../stats/percentile';

/**
 * Scene-illuminant estimation on a proxy. Every method returns the linear-sRGB
 * colour that a white surface takes in the image, scaled to luminance Y = 1.
 * A perfectly balanced image gives [1, 1, 1].
 */
export type IlluminantMethod = 'auto' | 'gray_world' | 'white_patch' | 'shades_of_gray' | 'neutral_point';

export interface IlluminantOptions {
  method?: IlluminantMethod;
  /** Image width/height of the packed samples; needed by 'neutral_point'. */
  width?: number;
  height?: number;
  /** 'neutral_point': normalised position (0 = left/top, 1 = right/bottom). */
  x?: number;
  y?: number;
  /** 'neutral_point': neighbourhood radius as a fraction of the short side. Default 0.02. */
  radius?: number;
  /** 'white_patch': per-channel percentile of unclipped pixels. Default 99. */
  percentile?: number;
  /** 'shades_of_gray': Minkowski norm. Default 6. */
  norm?: number;
}

export interface IlluminantEstimate {
  /** Linear sRGB of white under the scene light, Y = 1. */
  rgb: [number, number, number];
  /** 0–1: how much of the image supported the estimate ('auto' only; 1 otherwise). */
  confidence: number;
}

const CLIP = 0.985;

export function estimateIlluminant(rgb: Float32Array, options: IlluminantOptions = {}): IlluminantEstimate {
  const method = options.method ?? 'auto';
  switch (method) {
    case 'gray_world':
      return { rgb: normaliseY(minkowskiMean(rgb, 1)), confidence: 1 };
    case 'shades_of_gray':
      return { rgb: normaliseY(minkowskiMean(rgb, options.norm ?? 6)), confidence: 1 };
    case 'white_patch':
      return { rgb: normaliseY(whitePatch(rgb, options.percentile ?? 99)), confidence: 1 };
    case 'neutral_point':
      return { rgb: normaliseY(neutralPoint(rgb, options)), confidence: 1 };
    case 'auto':
      return autoIlluminant(rgb);
    default:
      throw new RangeError(`estimateIlluminant: unknown method '${String(method)}'`);
  }
}

/** Minkowski p-norm mean of linear channels (p = 1: gray world; p → ∞: max-RGB). */
function minkowskiMean(rgb: Float32Array, p: number): [number, number, number] {
  const s = [0, 0, 0];
  const n = rgb.length / 3;
  const pow = Number.isInteger(p) && p >= 1 && p <= 8 ? intPow(p) : (x: number) => Math.pow(x, p);
  for (let c = 0; c < 3; c++) {
    let acc = 0;
    for (let i = c; i < rgb.length; i += 3) {
      const v = srgbToLinear(rgb[i]);
      acc += pow(v > 0 ? v : 0);
    }
    s[c] = acc;
  }
  return s.map((v) => Math.pow(v / Math.max(1, n), 1 / p)) as [number, number, number];
}

function intPow(p: number): (x: number) => number {
  return (x) => {
    let r = x;
    for (let k = 1; k < p; k++) r *= x;
    return r;
  };
}

function whitePatch(rgb: Float32Array, p: number): [number, number, number] {
  const chans = [[], [], []] as number[][];
  for (let i = 0; i < rgb.length; i += 3) {
    if (rgb[i] >= CLIP || rgb[i + 1] >= CLIP || rgb[i + 2] >= CLIP) continue;
    for (let c = 0; c < 3; c++) chans[c].push(srgbToLinear(rgb[i + c]));
  }
  if (chans[0].length === 0) return [1, 1, 1];
  return chans.map((v) => percentileOfSorted(Float64Array.from(v).sort(), p)) as [number, number, number];
}

function neutralPoint(rgb: Float32Array, o: IlluminantOptions): [number, number, number] {
  const w = o.width;
  const h = o.height;
  if (!w || !h || w * h * 3 !== rgb.length) throw new RangeError('neutral_point needs the samples\' width and height');
  const nx = o.x ?? 0.5;
  const ny = o.y ?? 0.5;
  if (!(nx >= 0 && nx <= 1 && ny >= 0 && ny <= 1)) throw new RangeError('neutral_point: x and y must be within 0..1');
  const cx = Math.min(w - 1, Math.floor(nx * w));
  const cy = Math.min(h - 1, Math.floor(ny * h));
  const r = Math.max(1, Math.round((o.radius ?? 0.02) * Math.min(w, h)));
  const s = [0, 0, 0];
  let count = 0;
  for (let y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
    for (let x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
      const i = (y * w + x) * 3;
      if (rgb[i] >= CLIP || rgb[i + 1] >= CLIP || rgb[i + 2] >= CLIP) continue;
      for (let c = 0; c < 3; c++) s[c] += srgbToLinear(rgb[i + c]);
      count++;
    }
  }
  if (count === 0) return [1, 1, 1];
  return s.map((v) => v / count) as [number, number, number];
}

// ---- auto: mode of bright-pixel chromaticities nearest the Planckian locus ----

const RANGE = 2.5;
const BINS = 200;
const BIN = (2 * RANGE) / BINS;
const KERNEL_SIGMA = 0.05;

/**
 * Grey and white surfaces all take the illuminant's chromaticity, so they form
 * a peak in the log-chroma plane (u, v) = (ln R/G, ln B/G); a scene dominated by
 * one colour forms another peak, usually far from any plausible light. We build
 * the brightness-weighted log-chroma histogram, score candidate lights along
 * the Planckian locus (2000–15000 K, |Duv| ≤ 0.025) by the smoothed density at
 * their chromaticity times a mild prior toward daylight, then mean-shift from
 * the best one to the actual peak of near-neutral pixels. When almost no pixel
 * sits near any plausible light, fall back toward shades-of-gray (p = 6).
 */
function autoIlluminant(rgb: Float32Array): IlluminantEstimate {
  const hist = new Float64Array(BINS * BINS);
  let total = 0;
  const ln8 = lnLinear8();
  const code8 = codes8();
  for (let i = 0; i < rgb.length; i += 3) {
    const r8 = rgb[i];
    const g8 = rgb[i + 1];
    const b8 = rgb[i + 2];
    if (r8 >= CLIP || g8 >= CLIP || b8 >= CLIP) continue;
    const r = srgbToLinear(r8);
    const g = srgbToLinear(g8);
    const b = srgbToLinear(b8);
    const Y = LUMA_R * r + LUMA_G * g + LUMA_B * b;
    if (Y < 0.01 || r <= 1e-4 || g <= 1e-4 || b <= 1e-4) continue;
    // ln R/G and ln B/G; 8-bit codes (the usual proxy) read their logs from a table.
    const cr = (r8 * 255 + 0.5) | 0;
    const cg = (g8 * 255 + 0.5) | 0;
    const cb = (b8 * 255 + 0.5) | 0;
    const exact = code8[cr] === r8 && code8[cg] === g8 && code8[cb] === b8;
    const lg = exact ? ln8[cg] : log(g);
    const u = (exact ? ln8[cr] : log(r)) - lg;
    const v = (exact ? ln8[cb] : log(b)) - lg;
    const iu = Math.floor((u + RANGE) / BIN);
    const iv = Math.floor((v + RANGE) / BIN);
    if (iu < 0 || iv < 0 || iu >= BINS || iv >= BINS) continue;
    const w = sqrt(Y);
    hist[iv * BINS + iu] += w;
    total += w;
  }
  // Shades of grey, the fallback when no plausible light is supported (computed only then).
  const fallbackOf = (): [number, number, number] => normaliseY(minkowskiMean(rgb, 6));
  if (total === 0) return { rgb: fallbackOf(), confidence: 0 };
  const density = gaussianBlur2d(hist, BINS, KERNEL_SIGMA / BIN);

  let best: [number, number] = [0, 0];
  let bestScore = -1;
  for (let mired = 1e6 / 15000; mired <= 1e6 / 2000; mired += 4) {
    for (let duv = -0.025; duv <= 0.02501; duv += 0.005) {
      const [x, y] = cctToXy(1e6 / mired, duv);
      const lin = mat3Apply(XYZ_TO_SRGB, xyToXyz(x, y));
      if (lin[0] <= 0 || lin[1] <= 0 || lin[2] <= 0) continue;
      const u = Math.log(lin[0] / lin[1]);
      const v = Math.log(lin[2] / lin[1]);
      const prior = Math.exp(-0.5 * ((mired - 154) / 200) ** 2 - 0.5 * (duv / 0.03) ** 2);
      const score = sampleBilinear(density, BINS, (u + RANGE) / BIN - 0.5, (v + RANGE) / BIN - 0.5) * prior;
      if (score > bestScore) {
        bestScore = score;
        best = [u, v];
      }
    }
  }
  // Mean shift on the raw histogram with a Gaussian kernel, bounded to stay
  // near the locus candidate it started from.
  let [cu, cv] = best;
  let mass = 0;
  for (let it = 0; it < 30; it++) {
    let su = 0;
    let sv = 0;
    let sw = 0;
    const reach = Math.ceil((3 * KERNEL_SIGMA) / BIN);
    const iu0 = Math.floor((cu + RANGE) / BIN);
    const iv0 = Math.floor((cv + RANGE) / BIN);
    for (let iv = Math.max(0, iv0 - reach); iv <= Math.min(BINS - 1, iv0 + reach); iv++) {
      for (let iu = Math.max(0, iu0 - reach); iu <= Math.min(BINS - 1, iu0 + reach); iu++) {
        const h = hist[iv * BINS + iu];
        if (h === 0) continue;
        const u = (iu + 0.5) * BIN - RANGE;
        const v = (iv + 0.5) * BIN - RANGE;
        const k = Math.exp(-((u - cu) ** 2 + (v - cv) ** 2) / (2 * KERNEL_SIGMA ** 2));
        su += k * h * u;
        sv += k * h * v;
        sw += k * h;
      }
    }
    mass = sw / total;
    if (sw === 0) break;
    const nu = su / sw;
    const nv = sv / sw;
    const moved = Math.hypot(nu - cu, nv - cv);
    const drift = Math.hypot(nu - best[0], nv - best[1]);
    if (drift > 0.2) break;
    cu = nu;
    cv = nv;
    if (moved < 1e-4) break;
  }
  const estimate = normaliseY([Math.exp(cu), 1, Math.exp(cv)]);
  // Confidence: kernel mass near the peak; below ~4 % of the image we blend
  // toward the shades-of-gray estimate.
  const confidence = Math.min(1, mass / 0.04);
  if (confidence >= 1) return { rgb: estimate, confidence };
  const t = confidence;
  const fallback = fallbackOf();
  return {
    rgb: normaliseY([0, 1, 2].map((c) => Math.exp(t * Math.log(estimate[c]) + (1 - t) * Math.log(fallback[c]))) as [number, number, number]),
    confidence,
  };
}

const log = Math.log; // module aliases: no global lookups in hot loops (slow inside vm contexts such as jest's)
const sqrt = Math.sqrt;

let lnTable: Float64Array | null = null;
let codeTable: Float32Array | null = null;

/** The float each 8-bit code becomes in a proxy's buffer (c / 255 as float32). */
function codes8(): Float32Array {
  if (!codeTable) codeTable = Float32Array.from({ length: 256 }, (_, c) => c / 255);
  return codeTable;
}

/** ln of the linear value of every 8-bit code (as the proxy's floats hold them): lnLinear8()[c] = ln srgbToLinear(c / 255). */
function lnLinear8(): Float64Array {
  if (!lnTable) {
    lnTable = new Float64Array(256);
    const code = codes8();
    for (let c = 0; c < 256; c++) lnTable[c] = Math.log(srgbToLinear(code[c]));
  }
  return lnTable;
}

function normaliseY(c: readonly number[]): [number, number, number] {
  const r = Math.max(c[0], 1e-6);
  const g = Math.max(c[1], 1e-6);
  const b = Math.max(c[2], 1e-6);
  const Y = LUMA_R * r + LUMA_G * g + LUMA_B * b;
  return [r / Y, g / Y, b / Y];
}

function gaussianBlur2d(src: Float64Array, n: number, sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const k = new Float64Array(2 * radius + 1);
  let ks = 0;
  for (let i = -radius; i <= radius; i++) ks += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= ks;
  const tmp = new Float64Array(src.length);
  const out = new Float64Array(src.length);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let d = -radius; d <= radius; d++) {
        const xx = x + d;
        if (xx >= 0 && xx < n) s += k[d + radius] * src[y * n + xx];
      }
      tmp[y * n + x] = s;
    }
  }
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let d = -radius; d <= radius; d++) {
        const yy = y + d;
        if (yy >= 0 && yy < n) s += k[d + radius] * tmp[yy * n + x];
      }
      out[y * n + x] = s;
    }
  }
  return out;
}

function sampleBilinear(grid: Float64Array, n: number, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= n - 1 || y >= n - 1) return 0;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * n + x0;
  return (
    grid[i] * (1 - fx) * (1 - fy) + grid[i + 1] * fx * (1 - fy) + grid[i + n] * (1 - fx) * fy + grid[i + n + 1] * fx * fy
  );
}
