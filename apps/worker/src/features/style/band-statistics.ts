import { gradientCorrelation, type RgbImage } from '@gradekit/color';
import { imageToPlanes, lumaOfPlanes } from './style-planes';

/** Levels of the metrics' pyramid: on a 512 px proxy the base is 16 px, where only colour and layout are left. */
export const METRIC_LEVELS = 5;

/** The pyramid's 5-tap binomial kernel (1 4 6 4 1)/16 — the same one the graph's 5×5 Conv is the outer product of. */
export const BINOMIAL_5 = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16] as const;

/** One plane blurred by the separable binomial, edges clamped (the graph pads with `edge` for the same reason: no dark border). */
export function binomialBlur(plane: Float32Array, width: number, height: number): Float32Array {
  const tmp = new Float32Array(plane.length);
  const out = new Float32Array(plane.length);
  const clampX = (x: number) => (x < 0 ? 0 : x >= width ? width - 1 : x);
  const clampY = (y: number) => (y < 0 ? 0 : y >= height ? height - 1 : y);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = -2; k <= 2; k++) s += BINOMIAL_5[k + 2] * plane[row + clampX(x + k)];
      tmp[row + x] = s;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = -2; k <= 2; k++) s += BINOMIAL_5[k + 2] * tmp[clampY(y + k) * width + x];
      out[y * width + x] = s;
    }
  }
  return out;
}

/** Every second sample of a (blurred) plane: the next level, ⌈w/2⌉ × ⌈h/2⌉ like the graph's stride-2 Conv. */
function decimate(plane: Float32Array, width: number, height: number): { plane: Float32Array; width: number; height: number } {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = plane[2 * y * width + 2 * x];
  return { plane: out, width: w, height: h };
}

/** A 3×3 matrix, row-major. */
export type Gram3 = Float64Array;

/**
 * The Gram matrices of an image's band features: per level, the 3×3 matrix of mean
 * products of the R, G and B bands (band = level − its blur, a difference-of-binomials
 * Laplacian), then the base level's (uncentred, so it carries the mean colour). This is
 * Gatys' style representation with pyramid bands in place of VGG feature maps.
 */
export function bandGrams(image: RgbImage, levels = METRIC_LEVELS): Gram3[] {
  let width = image.width;
  let height = image.height;
  const planes = imageToPlanes(image);
  let n = width * height;
  let channels = [0, 1, 2].map((k) => planes.subarray(k * n, (k + 1) * n));
  const grams: Gram3[] = [];
  for (let level = 0; level < levels; level++) {
    const blurred = channels.map((c) => binomialBlur(c, width, height));
    const bands = channels.map((c, k) => c.map((v, i) => v - blurred[k][i]));
    grams.push(gramOf(bands, n));
    const next = blurred.map((b) => decimate(b, width, height));
    channels = next.map((d) => d.plane);
    width = next[0].width;
    height = next[0].height;
    n = width * height;
  }
  grams.push(gramOf(channels, n));
  return grams;
}

function gramOf(features: Float32Array[], n: number): Gram3 {
  const g = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = i; j < 3; j++) {
      let s = 0;
      const a = features[i];
      const b = features[j];
      for (let p = 0; p < n; p++) s += a[p] * b[p];
      g[i * 3 + j] = g[j * 3 + i] = s / n;
    }
  }
  return g;
}

const frobenius = (m: ArrayLike<number>) => Math.sqrt(Array.from(m).reduce((s, v) => s + v * v, 0));

/**
 * Normalised Gram distance: the mean over levels of ‖Gₐ − Gₛ‖ / (‖Gₐ‖ + ‖Gₛ‖) (Frobenius).
 * 0 when every level's band statistics agree, 1 when one image has no energy where the
 * other has some; each level counts the same, so the fine bands (grain, texture) weigh as
 * much as the coarse ones, which hold far more energy.
 */
export function gramDistance(a: Gram3[], b: Gram3[]): number {
  if (a.length !== b.length) throw new RangeError('gramDistance: different level counts');
  let sum = 0;
  for (let level = 0; level < a.length; level++) {
    const diff = a[level].map((v, i) => v - b[level][i]);
    const denominator = frobenius(a[level]) + frobenius(b[level]);
    sum += denominator > 1e-12 ? frobenius(diff) / denominator : 0;
  }
  return sum / a.length;
}

/** RMS of the luma band at each level (the band energies the graph matches), for tests and the bench. */
export function lumaBandEnergies(image: RgbImage, levels = METRIC_LEVELS): number[] {
  let width = image.width;
  let height = image.height;
  let plane = lumaOfPlanes(imageToPlanes(image), width * height);
  const energies: number[] = [];
  for (let level = 0; level < levels; level++) {
    const blurred = binomialBlur(plane, width, height);
    let s = 0;
    for (let i = 0; i < plane.length; i++) s += (plane[i] - blurred[i]) ** 2;
    energies.push(Math.sqrt(s / plane.length));
    const next = decimate(blurred, width, height);
    plane = next.plane;
    width = next.width;
    height = next.height;
  }
  return energies;
}

/**
 * How much of the content's structure the output kept: the correlation of the Sobel
 * gradients of their luma (the engine's gradientCorrelation; 1 = every edge kept with its
 * relative strength). Both images must have the same size (proxies).
 */
export function structureKept(content: RgbImage, output: RgbImage): number {
  if (content.width !== output.width || content.height !== output.height) throw new RangeError('structureKept: sizes differ');
  const n = content.width * content.height;
  return gradientCorrelation(lumaOfPlanes(imageToPlanes(content), n), lumaOfPlanes(imageToPlanes(output), n), content.width, content.height);
}
