/**
 * The one image type of the engine: interleaved RGB or RGBA, 8- or 16-bit,
 * exactly what sharp's `raw()` output gives. Bit depth is implied by the array
 * type (Uint8Array → 0..255, Uint16Array → 0..65535). Alpha, when present, is
 * carried through every colour operation untouched.
 */
export type PixelArray = Uint8Array | Uint16Array;

export interface RgbImage {
  data: PixelArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

export type BitDepth = 8 | 16;

export function bitDepthOf(data: PixelArray): BitDepth {
  return data instanceof Uint16Array ? 16 : 8;
}

/** Full-scale code value of the buffer's depth: 255 or 65535. */
export function maxValueOf(data: PixelArray): number {
  return data instanceof Uint16Array ? 65535 : 255;
}

export function createImage(width: number, height: number, channels: 3 | 4 = 3, depth: BitDepth = 8): RgbImage {
  const n = width * height * channels;
  return { width, height, channels, data: depth === 16 ? new Uint16Array(n) : new Uint8Array(n) };
}

/** Throws a RangeError naming the inconsistency (callers map it to a 400/422). */
export function assertImage(image: RgbImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image: width and height must be positive integers (got ${width}×${height})`);
  }
  if (channels !== 3 && channels !== 4) throw new RangeError(`image: channels must be 3 or 4 (got ${channels})`);
  if (!(data instanceof Uint8Array) && !(data instanceof Uint16Array)) {
    throw new RangeError('image: data must be a Uint8Array or Uint16Array');
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(`image: data length ${data.length} ≠ ${width}×${height}×${channels}`);
  }
}

/** A new image with the same geometry, depth and channel count (alpha copied). */
export function cloneImage(image: RgbImage): RgbImage {
  return { ...image, data: image.data.slice() };
}
