import type { RgbImage } from '@gradekit/color';

/** Long side of the fit image the sampled frames are tiled into (the engine fits on ≤ 512 px proxies). */
export const FIT_GRID_SIDE = 512;

/** Columns of a near-square grid for `count` frames, and the long side each frame may have so the grid fits FIT_GRID_SIDE. */
export function gridLayout(count: number): { columns: number; rows: number; tileSide: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  return { columns, rows, tileSide: Math.max(16, Math.floor(FIT_GRID_SIDE / Math.max(columns, rows))) };
}

/**
 * Frames sampled from a shot, tiled into one RGB image, so the colour engine fits one
 * transform to all of them at once (a per-frame fit would flicker). Frames are the same
 * size (one clip); an empty cell stays black only if the grid is not full — the cell is
 * filled with the last frame instead, so no synthetic black enters the statistics.
 */
export function tileFrames(frames: readonly RgbImage[]): RgbImage {
  if (frames.length === 0) throw new Error('tileFrames needs at least one frame');
  if (frames.length === 1) return frames[0];
  const { columns, rows } = gridLayout(frames.length);
  const { width, height } = frames[0];
  const out = new Uint8Array(width * columns * height * rows * 3);
  const stride = width * columns * 3;
  for (let cell = 0; cell < columns * rows; cell++) {
    const frame = frames[Math.min(cell, frames.length - 1)];
    if (frame.width !== width || frame.height !== height || frame.channels !== 3) throw new Error('tileFrames needs RGB frames of one size');
    const x0 = (cell % columns) * width * 3;
    const y0 = Math.floor(cell / columns) * height;
    for (let y = 0; y < height; y++) {
      out.set(frame.data.subarray(y * width * 3, (y + 1) * width * 3), (y0 + y) * stride + x0);
    }
  }
  return { data: out, width: width * columns, height: height * rows, channels: 3 };
}

/** `count` frame indices spread evenly over [first, last] (centres of equal slices), deduplicated. */
export function sampleFrames(first: number, last: number, count: number): number[] {
  if (last < first) return [];
  const span = last - first + 1;
  const n = Math.max(1, Math.min(count, span));
  const picked = Array.from({ length: n }, (_, i) => first + Math.min(span - 1, Math.floor(((i + 0.5) * span) / n)));
  return [...new Set(picked)];
}
