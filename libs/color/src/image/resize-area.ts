import { RgbImage, assertImage } from './rgb-image';

/**
 * Area-average resample to exactly width × height (downsampling; upsampling
 * degenerates to nearest-cell). Used to put two images of the same scene at
 * different resolutions on one pixel grid (LUT from before/after examples).
 * Returns packed sRGB floats (n × 3, 0..1); alpha is ignored.
 */
export function resizeAreaToFloat(image: RgbImage, width: number, height: number): Float32Array {
  assertImage(image);
  const { data, channels } = image;
  const max = data instanceof Uint16Array ? 65535 : 255;
  const out = new Float32Array(width * height * 3);
  const wsum = new Float32Array(width * height);
  const sx = width / image.width;
  const sy = height / image.height;
  for (let y = 0; y < image.height; y++) {
    // Source row y covers [y·sy, (y+1)·sy) of the output grid.
    const y0 = y * sy;
    const y1 = (y + 1) * sy;
    for (let oy = Math.floor(y0); oy < Math.min(height, Math.ceil(y1)); oy++) {
      const wy = Math.min(y1, oy + 1) - Math.max(y0, oy);
      if (wy <= 0) continue;
      for (let x = 0; x < image.width; x++) {
        const x0 = x * sx;
        const x1 = (x + 1) * sx;
        const p = (y * image.width + x) * channels;
        for (let ox = Math.floor(x0); ox < Math.min(width, Math.ceil(x1)); ox++) {
          const w = wy * (Math.min(x1, ox + 1) - Math.max(x0, ox));
          if (w <= 0) continue;
          const o = oy * width + ox;
          out[o * 3] += (w * data[p]) / max;
          out[o * 3 + 1] += (w * data[p + 1]) / max;
          out[o * 3 + 2] += (w * data[p + 2]) / max;
          wsum[o] += w;
        }
      }
    }
  }
  for (let o = 0; o < wsum.length; o++) {
    const k = wsum[o] > 0 ? 1 / wsum[o] : 0;
    out[o * 3] *= k;
    out[o * 3 + 1] *= k;
    out[o * 3 + 2] *= k;
  }
  return out;
}
