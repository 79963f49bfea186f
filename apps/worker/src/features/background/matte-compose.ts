import type { RgbImage } from '@gradekit/color';
import type { PixelBox } from '@gradekit/contracts';

/**
 * Pure pixel work of background removal on 8-bit images and 8-bit mattes (one byte per
 * pixel, 255 = subject): the guide, the subject's box, the cutout, mask and composite,
 * and the crop. Compositing is in sRGB values, as PNG viewers and browsers blend.
 */

/** An 8-bit image (RgbImage narrowed: the handler brings 16-bit inputs to 8 bits first). */
export interface Rgb8Image extends RgbImage {
  data: Uint8Array;
}

/** The alpha above which a pixel counts as subject for the box and the IoU. */
export const SUBJECT_ALPHA_THRESHOLD = 128;

/** Rec. 709 luma of the sRGB values, 8-bit: the guided filter's guide. */
export function luminance(image: Rgb8Image): Uint8Array {
  const n = image.width * image.height;
  const out = new Uint8Array(n);
  const c = image.channels;
  const d = image.data;
  for (let i = 0, p = 0; i < n; i++, p += c) out[i] = Math.round(0.2126 * d[p] + 0.7152 * d[p + 1] + 0.0722 * d[p + 2]);
  return out;
}

/** A transparent input pixel stays transparent: the matte times the source's own alpha. */
export function withSourceAlpha(matte: Uint8Array, image: Rgb8Image): Uint8Array {
  if (image.channels !== 4) return matte;
  const out = new Uint8Array(matte.length);
  for (let i = 0; i < matte.length; i++) out[i] = Math.round((matte[i] * image.data[i * 4 + 3]) / 255);
  return out;
}

/** Bounding box of the pixels whose alpha ≥ threshold; null when there are none. */
export function subjectBox(matte: Uint8Array, width: number, height: number, threshold = SUBJECT_ALPHA_THRESHOLD): PixelBox | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (matte[row + x] >= threshold) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** The box grown by `padding` on each side, clamped to the image. */
export function padBox(box: PixelBox, padding: number, width: number, height: number): PixelBox {
  const x = Math.max(0, box.x - padding);
  const y = Math.max(0, box.y - padding);
  return { x, y, width: Math.min(width, box.x + box.width + padding) - x, height: Math.min(height, box.y + box.height + padding) - y };
}

/** Mean alpha, 0–1. */
export function foregroundFraction(matte: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < matte.length; i++) sum += matte[i];
  return matte.length ? sum / (255 * matte.length) : 0;
}

/**
 * The image's colours with alpha = the matte. Fully transparent pixels are written black:
 * nothing shows them, and the background's texture would otherwise stay in the file
 * (a PNG cutout is about half the size without it).
 */
export function cutout(image: Rgb8Image, matte: Uint8Array): Rgb8Image {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 4);
  const c = image.channels;
  for (let i = 0, p = 0, q = 0; i < n; i++, p += c, q += 4) {
    if (matte[i] === 0) continue;
    out[q] = image.data[p];
    out[q + 1] = image.data[p + 1];
    out[q + 2] = image.data[p + 2];
    out[q + 3] = matte[i];
  }
  return { data: out, width: image.width, height: image.height, channels: 4 };
}

/** The matte as a grey image (R = G = B = alpha): an encoder writes it as greyscale-looking RGB. */
export function maskImage(matte: Uint8Array, width: number, height: number): Rgb8Image {
  const out = new Uint8Array(width * height * 3);
  for (let i = 0, q = 0; i < matte.length; i++, q += 3) out[q] = out[q + 1] = out[q + 2] = matte[i];
  return { data: out, width, height, channels: 3 };
}

/** `#rgb` / `#rrggbb` (the `#` optional) as [r, g, b]. */
export function parseHexColor(hex: string): [number, number, number] {
  const digits = hex.replace(/^#/, '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) throw new RangeError(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((k) => parseInt(full.slice(k, k + 2), 16)) as [number, number, number];
}

/** The subject over a colour or over a background image of the same size: out = α·fg + (1 − α)·bg, opaque RGB. */
export function composite(image: Rgb8Image, matte: Uint8Array, background: [number, number, number] | Rgb8Image): Rgb8Image {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  const c = image.channels;
  const bgImage = Array.isArray(background) ? null : background;
  if (bgImage && (bgImage.width !== image.width || bgImage.height !== image.height)) throw new RangeError('the background must be the image size');
  const bc = bgImage?.channels ?? 3;
  for (let i = 0, p = 0, q = 0, b = 0; i < n; i++, p += c, q += 3, b += bc) {
    const alpha = matte[i] / 255;
    for (let k = 0; k < 3; k++) {
      const back = bgImage ? bgImage.data[b + k] : (background as number[])[k];
      out[q + k] = Math.round(alpha * image.data[p + k] + (1 - alpha) * back);
    }
  }
  return { data: out, width: image.width, height: image.height, channels: 3 };
}

/** A box of the image (any channel count). */
export function cropImage(image: Rgb8Image, box: PixelBox): Rgb8Image {
  const c = image.channels;
  const out = new Uint8Array(box.width * box.height * c);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * image.width + box.x) * c;
    out.set(image.data.subarray(from, from + box.width * c), y * box.width * c);
  }
  return { data: out, width: box.width, height: box.height, channels: c };
}

/** 16-bit pixels to 8 bits (rounded): the model and the 8-bit outputs (WebP, the 8-bit matte) work in 8 bits. */
export function to8Bit(image: RgbImage): Rgb8Image {
  if (image.data instanceof Uint8Array) return image as Rgb8Image;
  const src = image.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Math.round(src[i] / 257);
  return { data: out, width: image.width, height: image.height, channels: image.channels };
}
