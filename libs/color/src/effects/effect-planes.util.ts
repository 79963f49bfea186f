import { RgbImage } from '../image/rgb-image';
import { linearToSrgb, srgbToLinearTable16, srgbToLinearTable8 } from '../space/srgb';

/**
 * The working form of the spatial passes: three planar Float32 channels
 * (planar, so blurs and resamplings run on one contiguous channel at a time),
 * either in LINEAR light (where light adds up: glows, vignette, lens) or
 * sRGB-ENCODED (where perception is even: grain, fade).
 */
export interface Planes {
  width: number;
  height: number;
  /** [R, G, B], each width × height. */
  c: [Float32Array, Float32Array, Float32Array];
  domain: 'linear' | 'encoded';
}

/** Split an image into planes, decoding to linear light (by table) or just scaling to 0..1. */
export function imageToPlanes(image: RgbImage, domain: Planes['domain']): Planes {
  const { width, height, channels, data } = image;
  const n = width * height;
  const c: Planes['c'] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const sixteen = data instanceof Uint16Array;
  let table: Float32Array;
  if (domain === 'linear') table = sixteen ? srgbToLinearTable16() : srgbToLinearTable8();
  else {
    const max = sixteen ? 65535 : 255;
    table = new Float32Array(max + 1);
    for (let i = 0; i <= max; i++) table[i] = i / max;
  }
  // One loop per array type keeps each monomorphic (a shared loop over
  // Uint8Array | Uint16Array runs several times slower in V8).
  if (sixteen) split16(data, table, c, n, channels);
  else split8(data as Uint8Array, table, c, n, channels);
  return { width, height, c, domain };
}

function split8(data: Uint8Array, table: Float32Array, c: Planes['c'], n: number, channels: number): void {
  const [r, g, b] = c;
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    r[i] = table[data[p]];
    g[i] = table[data[p + 1]];
    b[i] = table[data[p + 2]];
  }
}

function split16(data: Uint16Array, table: Float32Array, c: Planes['c'], n: number, channels: number): void {
  const [r, g, b] = c;
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    r[i] = table[data[p]];
    g[i] = table[data[p + 1]];
    b[i] = table[data[p + 2]];
  }
}

const ENC_N = 4096;
let encTable: Float64Array | null = null;

/**
 * Linear → sRGB-encoded, in place. Same method as linearToSrgbFast (a table
 * on √v with linear interpolation, error < 1e-7 on [0, 1]), inlined over
 * whole planes; values outside [0, 1] use the exact curve.
 */
export function encodePlanes(planes: Planes): void {
  if (planes.domain === 'encoded') return;
  if (!encTable) {
    encTable = new Float64Array(ENC_N + 2);
    for (let i = 0; i <= ENC_N + 1; i++) encTable[i] = linearToSrgb((i / ENC_N) ** 2);
  }
  const t = encTable;
  for (const ch of planes.c) {
    for (let i = 0; i < ch.length; i++) {
      const v = ch[i];
      if (v >= 0 && v <= 1) {
        const x = Math.sqrt(v) * ENC_N;
        const k = x | 0;
        ch[i] = t[k] + (x - k) * (t[k + 1] - t[k]);
      } else ch[i] = linearToSrgb(v);
    }
  }
  planes.domain = 'encoded';
}

/**
 * Quantise encoded planes into a new image of the template's depth and
 * channel count (rounded, clamped; NaN → 0); alpha is copied from the
 * template untouched.
 */
export function planesToImage(planes: Planes, template: RgbImage): RgbImage {
  encodePlanes(planes);
  const { width, height, channels, data: src } = template;
  const n = width * height;
  if (src instanceof Uint16Array) {
    const out = new Uint16Array(src.length);
    merge16(planes.c, src, out, n, channels);
    return { width, height, channels, data: out };
  }
  const out = new Uint8Array(src.length);
  merge8(planes.c, src, out, n, channels);
  return { width, height, channels, data: out };
}

function merge8(c: Planes['c'], src: Uint8Array, out: Uint8Array, n: number, channels: number): void {
  for (let k = 0; k < 3; k++) {
    const ch = c[k];
    for (let i = 0, p = k; i < n; i++, p += channels) {
      const q = ch[i] * 255 + 0.5;
      out[p] = q > 0 ? (q < 255 ? q : 255) : 0; // typed-array store truncates = round half up
    }
  }
  if (channels === 4) for (let p = 3; p < out.length; p += 4) out[p] = src[p];
}

function merge16(c: Planes['c'], src: Uint16Array, out: Uint16Array, n: number, channels: number): void {
  for (let k = 0; k < 3; k++) {
    const ch = c[k];
    for (let i = 0, p = k; i < n; i++, p += channels) {
      const q = ch[i] * 65535 + 0.5;
      out[p] = q > 0 ? (q < 65535 ? q : 65535) : 0;
    }
  }
  if (channels === 4) for (let p = 3; p < out.length; p += 4) out[p] = src[p];
}

/** Rec. 709 luminance of linear planes (or luma of encoded ones) into `out`. */
export function lumaOf(planes: Planes, out = new Float32Array(planes.width * planes.height)): Float32Array {
  const [r, g, b] = planes.c;
  for (let i = 0; i < out.length; i++) out[i] = 0.2126 * r[i] + 0.7152 * g[i] + 0.0722 * b[i];
  return out;
}
