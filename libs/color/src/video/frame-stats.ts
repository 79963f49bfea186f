import type { RgbImage } from '../image/rgb-image';
import { srgbToLinearTable8 } from '../space/srgb';

/**
 * What cut detection and flicker measurement need of one frame: its mean CIE L* (D65,
 * per pixel, then averaged) and a coarse joint RGB histogram — FRAME_HIST_LEVELS bin centres
 * per channel (64 bins, soft-binned), as fractions of the pixels. Plain numbers: it can sit in a task
 * result. Made from a downscaled decode (≤ 160 px): both figures are averages, so detail
 * adds nothing but time.
 */
export type FrameStats = { mean_l: number; hist: number[] };

export const FRAME_HIST_LEVELS = 4;

let linear8: Float32Array | null = null;

export function frameStats(image: RgbImage): FrameStats {
  const { data, channels } = image;
  const n = image.width * image.height;
  const deep = data instanceof Uint16Array;
  linear8 ??= srgbToLinearTable8();
  const bins = FRAME_HIST_LEVELS;
  const hist = new Float64Array(bins * bins * bins);
  // Soft (trilinear) binning: a pixel is shared between the two nearest bin centres of each
  // channel, so the histogram changes smoothly while a dissolve moves values across a bin
  // edge (hard bins jump by whole flat regions at once, which looks like a cut).
  const scale = (bins - 1) / (deep ? 65535 : 255);
  let sumL = 0;
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    const y = deep
      ? 0.2126 * lin16(r) + 0.7152 * lin16(g) + 0.0722 * lin16(b)
      : 0.2126 * linear8[r] + 0.7152 * linear8[g] + 0.0722 * linear8[b];
    sumL += y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
    const xr = r * scale;
    const xg = g * scale;
    const xb = b * scale;
    const r0 = Math.min(bins - 2, Math.floor(xr));
    const g0 = Math.min(bins - 2, Math.floor(xg));
    const b0 = Math.min(bins - 2, Math.floor(xb));
    const fr = xr - r0;
    const fg = xg - g0;
    const fb = xb - b0;
    const base = r0 + bins * (g0 + bins * b0);
    const sg = bins;
    const sb = bins * bins;
    hist[base] += (1 - fr) * (1 - fg) * (1 - fb);
    hist[base + 1] += fr * (1 - fg) * (1 - fb);
    hist[base + sg] += (1 - fr) * fg * (1 - fb);
    hist[base + 1 + sg] += fr * fg * (1 - fb);
    hist[base + sb] += (1 - fr) * (1 - fg) * fb;
    hist[base + 1 + sb] += fr * (1 - fg) * fb;
    hist[base + sg + sb] += (1 - fr) * fg * fb;
    hist[base + 1 + sg + sb] += fr * fg * fb;
  }
  return { mean_l: sumL / n, hist: Array.from(hist, (c) => c / n) };
}

function lin16(v: number): number {
  const c = v / 65535;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Half the L1 distance between two frames' histograms: 0 (same colours) … 1 (no colour in common). */
export function statsDistance(a: FrameStats, b: FrameStats): number {
  let d = 0;
  for (let i = 0; i < a.hist.length; i++) d += Math.abs(a.hist[i] - b.hist[i]);
  return d / 2;
}
