import { RgbImage, assertImage } from '../image/rgb-image';
import { ColorTransform } from '../lut/color-transform';
import { applyLut } from '../lut/lut-apply';
import { bakeLut } from '../lut/lut-bake';
import { Lut3D } from '../lut/lut3d';
import { srgbToOklabBuffer } from '../space/convert-buffer';
import { FitImage, fitImageOf } from './fit-image';
import { MatchOptions, matchFitImages } from './match-colors';
import { oklabToSrgbGamut } from './oklab-gamut';

/**
 * Multi-reference blend modes (GET /match/multi/modes):
 *  - uniform:   one match to the pooled references, each counted equally;
 *  - weighted:  the same with per-reference weights;
 *  - gradient:  a spatial transition across the frame — each reference rules
 *               its band, blended over `transitionWidth` (a spatial pass: the
 *               result is not a single LUT);
 *  - intensity: references rule tonal ranges — darkest reference for the
 *               shadows … brightest for the highlights — blended by each
 *               pixel's lightness (colour-only: one LUT).
 */
export type BlendMode = 'uniform' | 'weighted' | 'gradient' | 'intensity';

export const BLEND_MODES: readonly { mode: BlendMode; description: string; spatial: boolean }[] = Object.freeze([
  { mode: 'uniform', description: 'Match to all references pooled, each counted equally.', spatial: false },
  { mode: 'weighted', description: 'Match to the pooled references, each counted by its weight.', spatial: false },
  { mode: 'gradient', description: 'Each reference rules a band across the frame, blended over transition_width.', spatial: true },
  { mode: 'intensity', description: 'References rule tonal ranges (darkest reference → shadows, brightest → highlights).', spatial: false },
]);

export interface MultiMatchOptions extends MatchOptions {
  blendMode?: BlendMode;
  /** Per-reference weights (≥ 0, not all 0); required for 'weighted', optional elsewhere. */
  weights?: number[];
  /** gradient: width of each transition as a fraction of the frame (0–1). Default 0.2. */
  transitionWidth?: number;
  /** gradient: direction in degrees, 0 = left → right, 90 = top → bottom. Default 0. */
  angle?: number;
  /** 0–1: overall strength of the multi-reference match (multiplies params.strength). Default 1. */
  intensity?: number;
}

export interface MultiMatchResult {
  blendMode: BlendMode;
  /** The single LUT of a colour-only mode; for 'gradient', the weighted blend (what a .cube can hold). */
  lut: Lut3D;
  /** 'gradient' only: one LUT per reference, blended spatially by applyMultiMatch. */
  referenceLuts?: Lut3D[];
  gradient?: { angle: number; transitionWidth: number; weights: number[] };
}

const POOL = 65536;

export function matchMulti(target: RgbImage, references: RgbImage[], options: MultiMatchOptions = {}): MultiMatchResult {
  assertImage(target);
  if (!Array.isArray(references) || references.length < 2 || references.length > 4) throw new RangeError('references: give 2 to 4 images');
  references.forEach(assertImage);
  const mode = options.blendMode ?? 'uniform';
  if (!BLEND_MODES.some((m) => m.mode === mode)) throw new RangeError(`blend_mode must be one of ${BLEND_MODES.map((m) => m.mode).join(', ')}`);
  const weights = normaliseWeights(references.length, mode === 'weighted' ? requireWeights(options.weights) : options.weights);
  const intensity = options.intensity ?? 1;
  if (!(intensity >= 0 && intensity <= 1)) throw new RangeError('intensity must be within 0..1');
  const params = { ...options.params, strength: (options.params?.strength ?? 1) * intensity };
  const size = Math.min(512, options.proxySize ?? 512);
  const src = fitImageOf(target, size);
  const refs = references.map((r) => fitImageOf(r, size));
  const base = { ...options, params };

  if (mode === 'uniform' || mode === 'weighted') {
    const w = mode === 'uniform' && !options.weights ? refs.map(() => 1 / refs.length) : weights;
    return { blendMode: mode, lut: matchFitImages(src, pool(refs, w), base).lut };
  }
  const fits = refs.map((r) => matchFitImages(src, r, base));
  if (mode === 'intensity') {
    // Order references by their mean lightness: darkest rules the shadows.
    const order = refs.map((r, i) => ({ i, L: meanOklabL(r) })).sort((a, b) => a.L - b.L).map((o) => o.i);
    const transform = lightnessBlend(order.map((i) => fits[i].transform));
    return { blendMode: mode, lut: bakeLut(transform, fits[0].params.lutSize, { title: 'gradekit multi-match (intensity)' }) };
  }
  const transitionWidth = options.transitionWidth ?? 0.2;
  if (!(transitionWidth >= 0 && transitionWidth <= 1)) throw new RangeError('transition_width must be within 0..1');
  const angle = options.angle ?? 0;
  return {
    blendMode: mode,
    lut: matchFitImages(src, pool(refs, weights), base).lut,
    referenceLuts: fits.map((f) => f.lut),
    gradient: { angle, transitionWidth, weights },
  };
}

/** Apply a multi-match result to a (full-resolution) image. */
export function applyMultiMatch(image: RgbImage, result: MultiMatchResult): RgbImage {
  if (result.blendMode !== 'gradient' || !result.referenceLuts || !result.gradient) return applyLut(image, result.lut);
  const outs = result.referenceLuts.map((l) => applyLut(image, l));
  const { width, height, channels } = image;
  const out = image.data instanceof Uint16Array ? new Uint16Array(image.data.length) : new Uint8Array(image.data.length);
  const n = outs.length;
  const rad = (result.gradient.angle * Math.PI) / 180;
  const dx = Math.cos(rad);
  const dy = Math.sin(rad);
  // Project pixel centres on the direction, normalised to [0, 1] over the frame.
  const corners = [0, width].flatMap((x) => [0, height].map((y) => x * dx + y * dy));
  const lo = Math.min(...corners);
  const span = Math.max(...corners) - lo || 1;
  const w = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((x + 0.5) * dx + (y + 0.5) * dy - lo) / span;
      bandWeights(t, n, result.gradient.transitionWidth, w);
      const p = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) {
        let v = 0;
        for (let k = 0; k < n; k++) v += w[k] * outs[k].data[p + c];
        out[p + c] = Math.round(v);
      }
      if (channels === 4) out[p + 3] = image.data[p + 3];
    }
  }
  return { width, height, channels, data: out };
}

/**
 * Weights of n bands at position t ∈ [0, 1]: band k covers [k/n, (k+1)/n];
 * across each boundary the weight passes from one band to the next by a
 * smoothstep over `width` (a partition of unity).
 */
export function bandWeights(t: number, n: number, width: number, out: Float64Array): void {
  let carried = 1;
  for (let k = 0; k < n - 1; k++) {
    const edge = (k + 1) / n;
    const half = width / 2;
    const s = half > 0 ? smooth((t - (edge - half)) / (2 * half)) : t >= edge ? 1 : 0;
    out[k] = carried * (1 - s);
    carried *= s;
  }
  out[n - 1] = carried;
}

function smooth(u: number): number {
  const t = u <= 0 ? 0 : u >= 1 ? 1 : u;
  return t * t * (3 - 2 * t);
}

/** Blend transforms by the input's Oklab lightness: hat functions centred at k/(n−1). */
function lightnessBlend(transforms: ColorTransform[]): ColorTransform {
  const n = transforms.length;
  return (rgb) => {
    const L = srgbToOklabBuffer(rgb);
    const outs = transforms.map((t) => {
      const c = rgb.slice();
      t(c);
      return srgbToOklabBuffer(c, c);
    });
    for (let i = 0; i < rgb.length; i += 3) {
      const pos = Math.min(1, Math.max(0, L[i])) * (n - 1);
      const k = Math.min(n - 2, Math.floor(pos));
      const f = smooth(pos - k);
      const a = outs[k];
      const b = outs[k + 1];
      oklabToSrgbGamut(a[i] + f * (b[i] - a[i]), a[i + 1] + f * (b[i + 1] - a[i + 1]), a[i + 2] + f * (b[i + 2] - a[i + 2]), rgb, i);
    }
  };
}

/** A pooled reference: each reference contributes pixels in proportion to its weight (fixed stride). */
function pool(refs: FitImage[], weights: number[]): FitImage {
  const parts: Float32Array[] = [];
  refs.forEach((r, k) => {
    const count = Math.round(POOL * weights[k]);
    const n = r.rgb.length / 3;
    if (count === 0) return;
    const part = new Float32Array(count * 3);
    for (let j = 0; j < count; j++) part.set(r.rgb.subarray(Math.floor((j * n) / count) * 3, Math.floor((j * n) / count) * 3 + 3), j * 3);
    parts.push(part);
  });
  const rgb = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    rgb.set(p, o);
    o += p.length;
  }
  return { rgb };
}

function requireWeights(w: number[] | undefined): number[] {
  if (!w) throw new RangeError('weights are required for blend_mode weighted');
  return w;
}

function normaliseWeights(n: number, w?: number[]): number[] {
  if (!w) return new Array(n).fill(1 / n);
  if (w.length !== n) throw new RangeError(`weights must have one entry per reference (${n})`);
  if (!w.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) throw new RangeError('weights must be numbers ≥ 0');
  const s = w.reduce((a, b) => a + b, 0);
  if (s <= 0) throw new RangeError('weights must not all be 0');
  return w.map((x) => x / s);
}

function meanOklabL(f: FitImage): number {
  const lab = srgbToOklabBuffer(f.rgb);
  let s = 0;
  for (let i = 0; i < lab.length; i += 3) s += lab[i];
  return s / (lab.length / 3);
}
