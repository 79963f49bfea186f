import { maxValueOf, type RgbImage } from '@gradekit/color';

/**
 * Planar float RGB (0–1, [R plane, G plane, B plane]) — the layout of the style graph's
 * NCHW tensors — to and from the engine's interleaved 8/16-bit images. Alpha never enters
 * the graph: planesToImage copies it from the source image.
 */
export function imageToPlanes(image: RgbImage): Float32Array {
  const n = image.width * image.height;
  const c = image.channels;
  const scale = 1 / maxValueOf(image.data);
  const out = new Float32Array(3 * n);
  const d = image.data;
  for (let i = 0, p = 0; i < n; i++, p += c) {
    out[i] = d[p] * scale;
    out[n + i] = d[p + 1] * scale;
    out[2 * n + i] = d[p + 2] * scale;
  }
  return out;
}

/** Planes of `like`'s size back into an image of `like`'s depth and channels (values clamped, rounded; alpha copied). */
export function planesToImage(planes: Float32Array, like: RgbImage): RgbImage {
  const n = like.width * like.height;
  if (planes.length !== 3 * n) throw new RangeError(`planesToImage: ${planes.length} values for ${like.width}×${like.height}×3`);
  const c = like.channels;
  const max = maxValueOf(like.data);
  const data = like.data instanceof Uint16Array ? new Uint16Array(n * c) : new Uint8Array(n * c);
  for (let i = 0, p = 0; i < n; i++, p += c) {
    for (let k = 0; k < 3; k++) {
      const v = planes[k * n + i] * max;
      data[p + k] = v <= 0 ? 0 : v >= max ? max : Math.round(v);
    }
    if (c === 4) data[p + 3] = like.data[p + 3];
  }
  return { data, width: like.width, height: like.height, channels: c };
}

/** Rec. 709 weights on the encoded values: the luma the graph's bands are taken of (its 1×1 Conv uses the same). */
export const LUMA_WEIGHTS: readonly [number, number, number] = [0.2126, 0.7152, 0.0722];

/** The luma plane (0–1) of planar RGB. */
export function lumaOfPlanes(planes: Float32Array, n: number): Float32Array {
  const [wr, wg, wb] = LUMA_WEIGHTS;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = wr * planes[i] + wg * planes[n + i] + wb * planes[2 * n + i];
  return out;
}
