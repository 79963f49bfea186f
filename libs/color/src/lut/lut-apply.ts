import { PixelArray, RgbImage, assertImage } from '../image/rgb-image';
import { Interpolation } from './lut-sample';
import { Lut3D, assertLut } from './lut3d';
import { wasmLutKernel } from './lut-apply-wasm';
import { codeTables8, prepareLut, type CodeTables } from './lut-code-tables';

export interface ApplyLutOptions {
  interpolation?: Interpolation;
  /**
   * Kernel for 8-bit tetrahedral: 'auto' (WebAssembly SIMD when available,
   * else TypeScript), 'wasm' (throws when unavailable) or 'js'. Default 'auto'.
   */
  engine?: 'auto' | 'wasm' | 'js';
  /** Destination buffer (same type and length as the source; may BE the source for in-place). */
  out?: PixelArray;
}

/**
 * Apply a 3D LUT to an interleaved 8- or 16-bit RGB/RGBA image — the hot path
 * over full-resolution images. Alpha is copied unchanged. Output depth equals
 * input depth; values are rounded to nearest.
 *
 * Speed: 8-bit tetrahedral runs on the WebAssembly SIMD kernel (see
 * lut-apply-wasm: exact integer cells and weights, 4 pixels per SIMD step,
 * no branches). The TypeScript kernels copy the LUT once into a flat
 * Float32Array pre-scaled to the output range (clamped, so no per-pixel clamp
 * is needed); for 8-bit input, per-code tables hold each channel's grid
 * offset and fraction, so the inner loop is 3 table reads, a 3-way compare,
 * 4 weights and 12 LUT reads per pixel, with no allocation.
 */
export function applyLut(image: RgbImage, lut: Lut3D, options: ApplyLutOptions = {}): RgbImage {
  assertImage(image);
  assertLut(lut);
  const { data, channels } = image;
  const out = options.out ?? (data instanceof Uint16Array ? new Uint16Array(data.length) : new Uint8Array(data.length));
  if (out.length !== data.length || out.constructor !== data.constructor) {
    throw new RangeError('applyLut: out must have the source buffer’s type and length');
  }
  const n = image.width * image.height;
  const trilinear = options.interpolation === 'trilinear';
  if (data instanceof Uint8Array) {
    const engine = options.engine ?? 'auto';
    const wasm = !trilinear && engine !== 'js' ? wasmLutKernel() : null;
    if (engine === 'wasm' && !wasm) throw new Error('applyLut: the WebAssembly SIMD kernel is not available here');
    if (wasm) {
      wasm.tetra8(data, out as Uint8Array, n, channels, lut);
    } else {
      const prepared = prepareLut(lut, 255);
      const t = codeTables8(lut);
      if (trilinear) trilinear8(data, out as Uint8Array, n, channels, prepared, t, lut.size);
      else tetra8(data, out as Uint8Array, n, channels, prepared, t, lut.size);
    }
  } else {
    const prepared = prepareLut(lut, 65535);
    if (trilinear) trilinear16(data, out as Uint16Array, n, channels, prepared, lut);
    else tetra16(data, out as Uint16Array, n, channels, prepared, lut);
  }
  return { width: image.width, height: image.height, channels, data: out };
}

function tetra8(src: Uint8Array, dst: Uint8Array, n: number, ch: number, lut: Float32Array, t: CodeTables, size: number): void {
  const { offR, offG, offB, fracR, fracG, fracB } = t;
  const sR = 3;
  const sG = 3 * size;
  const sB = 3 * size * size;
  const s111 = sR + sG + sB;
  const end = n * ch;
  for (let p = 0; p < end; p += ch) {
    const r = src[p];
    const g = src[p + 1];
    const b = src[p + 2];
    const fr = fracR[r];
    const fg = fracG[g];
    const fb = fracB[b];
    const o = offR[r] + offG[g] + offB[b];
    // Barycentric weights of the tetrahedron c000 → c1 → c2 → c111. (A
    // branch-free variant measured slower here, in JS and in wasm alike.)
    let o1: number;
    let o2: number;
    let w0: number;
    let w1: number;
    let w2: number;
    let w3: number;
    if (fr > fg) {
      if (fg > fb) {
        o1 = o + sR; o2 = o + sR + sG; w0 = 1 - fr; w1 = fr - fg; w2 = fg - fb; w3 = fb;
      } else if (fr > fb) {
        o1 = o + sR; o2 = o + sR + sB; w0 = 1 - fr; w1 = fr - fb; w2 = fb - fg; w3 = fg;
      } else {
        o1 = o + sB; o2 = o + sR + sB; w0 = 1 - fb; w1 = fb - fr; w2 = fr - fg; w3 = fg;
      }
    } else if (fb > fg) {
      o1 = o + sB; o2 = o + sG + sB; w0 = 1 - fb; w1 = fb - fg; w2 = fg - fr; w3 = fr;
    } else if (fb > fr) {
      o1 = o + sG; o2 = o + sG + sB; w0 = 1 - fg; w1 = fg - fb; w2 = fb - fr; w3 = fr;
    } else {
      o1 = o + sG; o2 = o + sR + sG; w0 = 1 - fg; w1 = fg - fr; w2 = fr - fb; w3 = fb;
    }
    const o3 = o + s111;
    // Values are within [0, 255] (prepared LUT, convex weights): +0.5 and the
    // Uint8 store's truncation round to nearest.
    dst[p] = w0 * lut[o] + w1 * lut[o1] + w2 * lut[o2] + w3 * lut[o3] + 0.5;
    dst[p + 1] = w0 * lut[o + 1] + w1 * lut[o1 + 1] + w2 * lut[o2 + 1] + w3 * lut[o3 + 1] + 0.5;
    dst[p + 2] = w0 * lut[o + 2] + w1 * lut[o1 + 2] + w2 * lut[o2 + 2] + w3 * lut[o3 + 2] + 0.5;
    if (ch === 4) dst[p + 3] = src[p + 3];
  }
}

function trilinear8(src: Uint8Array, dst: Uint8Array, n: number, ch: number, lut: Float32Array, t: CodeTables, size: number): void {
  const { offR, offG, offB, fracR, fracG, fracB } = t;
  const sR = 3;
  const sG = 3 * size;
  const sB = 3 * size * size;
  const end = n * ch;
  for (let p = 0; p < end; p += ch) {
    const r = src[p];
    const g = src[p + 1];
    const b = src[p + 2];
    const fr = fracR[r];
    const fg = fracG[g];
    const fb = fracB[b];
    const o = offR[r] + offG[g] + offB[b];
    for (let c = 0; c < 3; c++) {
      const q = o + c;
      const x00 = lut[q] + fr * (lut[q + sR] - lut[q]);
      const x10 = lut[q + sG] + fr * (lut[q + sR + sG] - lut[q + sG]);
      const x01 = lut[q + sB] + fr * (lut[q + sR + sB] - lut[q + sB]);
      const x11 = lut[q + sG + sB] + fr * (lut[q + sR + sG + sB] - lut[q + sG + sB]);
      const y0 = x00 + fg * (x10 - x00);
      const y1 = x01 + fg * (x11 - x01);
      dst[p + c] = y0 + fb * (y1 - y0) + 0.5;
    }
    if (ch === 4) dst[p + 3] = src[p + 3];
  }
}

interface Axis {
  scale: number;
  lo: number;
}

function axes(lut: Lut3D): Axis[] {
  const n1 = lut.size - 1;
  return [0, 1, 2].map((c) => ({ lo: lut.domainMin[c], scale: n1 / ((lut.domainMax[c] - lut.domainMin[c]) * 65535) }));
}

// tetra16 repeats tetra8's tetrahedron rule on purpose (measured 2026-11-23): moving the
// rule into a shared per-pixel function halved both kernels (V8 does not inline it into
// the loop), and locating 16-bit codes through 65536-entry tables like tetra8's cost
// 16-bit 40 %. Change the rule in both, and in wasm/lut-apply.wat.
function tetra16(src: Uint16Array, dst: Uint16Array, n: number, ch: number, lut: Float32Array, l: Lut3D): void {
  const size = l.size;
  const n1 = size - 1;
  const [ar, ag, ab] = axes(l);
  const sR = 3;
  const sG = 3 * size;
  const sB = 3 * size * size;
  const s111 = sR + sG + sB;
  const end = n * ch;
  const loR = ar.lo * 65535;
  const loG = ag.lo * 65535;
  const loB = ab.lo * 65535;
  for (let p = 0; p < end; p += ch) {
    let xr = (src[p] - loR) * ar.scale;
    let xg = (src[p + 1] - loG) * ag.scale;
    let xb = (src[p + 2] - loB) * ab.scale;
    xr = xr > 0 ? (xr < n1 ? xr : n1) : 0;
    xg = xg > 0 ? (xg < n1 ? xg : n1) : 0;
    xb = xb > 0 ? (xb < n1 ? xb : n1) : 0;
    let ir = xr | 0;
    let ig = xg | 0;
    let ib = xb | 0;
    if (ir === n1) ir--;
    if (ig === n1) ig--;
    if (ib === n1) ib--;
    const fr = xr - ir;
    const fg = xg - ig;
    const fb = xb - ib;
    const o = ir * sR + ig * sG + ib * sB;
    let o1: number;
    let o2: number;
    let w0: number;
    let w1: number;
    let w2: number;
    let w3: number;
    if (fr > fg) {
      if (fg > fb) {
        o1 = o + sR; o2 = o + sR + sG; w0 = 1 - fr; w1 = fr - fg; w2 = fg - fb; w3 = fb;
      } else if (fr > fb) {
        o1 = o + sR; o2 = o + sR + sB; w0 = 1 - fr; w1 = fr - fb; w2 = fb - fg; w3 = fg;
      } else {
        o1 = o + sB; o2 = o + sR + sB; w0 = 1 - fb; w1 = fb - fr; w2 = fr - fg; w3 = fg;
      }
    } else if (fb > fg) {
      o1 = o + sB; o2 = o + sG + sB; w0 = 1 - fb; w1 = fb - fg; w2 = fg - fr; w3 = fr;
    } else if (fb > fr) {
      o1 = o + sG; o2 = o + sG + sB; w0 = 1 - fg; w1 = fg - fb; w2 = fb - fr; w3 = fr;
    } else {
      o1 = o + sG; o2 = o + sR + sG; w0 = 1 - fg; w1 = fg - fr; w2 = fr - fb; w3 = fb;
    }
    const o3 = o + s111;
    dst[p] = w0 * lut[o] + w1 * lut[o1] + w2 * lut[o2] + w3 * lut[o3] + 0.5;
    dst[p + 1] = w0 * lut[o + 1] + w1 * lut[o1 + 1] + w2 * lut[o2 + 1] + w3 * lut[o3 + 1] + 0.5;
    dst[p + 2] = w0 * lut[o + 2] + w1 * lut[o1 + 2] + w2 * lut[o2 + 2] + w3 * lut[o3 + 2] + 0.5;
    if (ch === 4) dst[p + 3] = src[p + 3];
  }
}

function trilinear16(src: Uint16Array, dst: Uint16Array, n: number, ch: number, lut: Float32Array, l: Lut3D): void {
  const size = l.size;
  const n1 = size - 1;
  const ax = axes(l);
  const sR = 3;
  const sG = 3 * size;
  const sB = 3 * size * size;
  const end = n * ch;
  for (let p = 0; p < end; p += ch) {
    const f = [0, 0, 0];
    const i = [0, 0, 0];
    for (let c = 0; c < 3; c++) {
      let x = (src[p + c] - ax[c].lo * 65535) * ax[c].scale;
      x = x > 0 ? (x < n1 ? x : n1) : 0;
      i[c] = Math.min(n1 - 1, x | 0);
      f[c] = x - i[c];
    }
    const o = i[0] * sR + i[1] * sG + i[2] * sB;
    for (let c = 0; c < 3; c++) {
      const q = o + c;
      const x00 = lut[q] + f[0] * (lut[q + sR] - lut[q]);
      const x10 = lut[q + sG] + f[0] * (lut[q + sR + sG] - lut[q + sG]);
      const x01 = lut[q + sB] + f[0] * (lut[q + sR + sB] - lut[q + sB]);
      const x11 = lut[q + sG + sB] + f[0] * (lut[q + sR + sG + sB] - lut[q + sG + sB]);
      const y0 = x00 + f[1] * (x10 - x00);
      const y1 = x01 + f[1] * (x11 - x01);
      dst[p + c] = y0 + f[2] * (y1 - y0) + 0.5;
    }
    if (ch === 4) dst[p + 3] = src[p + 3];
  }
}
