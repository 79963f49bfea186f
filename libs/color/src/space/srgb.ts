/**
 * sRGB transfer functions (IEC 61966-2-1): the piecewise curve with the linear
 * toe, not a pure 2.2 gamma, so that round trips are exact to float precision.
 * Values outside [0, 1] are extended by odd symmetry (keeps negative
 * intermediate values from matrices invertible instead of NaN).
 */
export function srgbToLinear(v: number): number {
  const a = Math.abs(v);
  const l = a <= 0.04045 ? a / 12.92 : Math.pow((a + 0.055) / 1.055, 2.4);
  return v < 0 ? -l : l;
}

export function linearToSrgb(v: number): number {
  const a = Math.abs(v);
  const e = a <= 0.0031308 ? a * 12.92 : 1.055 * Math.pow(a, 1 / 2.4) - 0.055;
  return v < 0 ? -e : e;
}

let table8: Float32Array | null = null;
let table16: Float32Array | null = null;

/** Linear value of every 8-bit code (built once, 1 KiB). */
export function srgbToLinearTable8(): Float32Array {
  if (!table8) {
    table8 = new Float32Array(256);
    for (let i = 0; i < 256; i++) table8[i] = srgbToLinear(i / 255);
  }
  return table8;
}

/** Linear value of every 16-bit code (built once, 256 KiB). */
export function srgbToLinearTable16(): Float32Array {
  if (!table16) {
    table16 = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) table16[i] = srgbToLinear(i / 65535);
  }
  return table16;
}

// ---- table-driven versions for hot loops (max error < 1e-7 on [0, 1]) ----

const FAST_N = 4096;
const sqrt = Math.sqrt; // module alias: no global lookup in hot loops (slow inside vm contexts such as jest's)
/** Intervals of the …Fast tables (entries = FAST_N + 2). */
export const SRGB_FAST_N = FAST_N;
let fastDecode: Float64Array | null = null;
let fastEncode: Float64Array | null = null;

/** The srgbToLinearFast table: srgbToLinear(i / SRGB_FAST_N), i = 0 … SRGB_FAST_N + 1. */
export function srgbDecodeTable(): Float64Array {
  if (!fastDecode) {
    fastDecode = new Float64Array(FAST_N + 2);
    for (let i = 0; i <= FAST_N + 1; i++) fastDecode[i] = srgbToLinear(i / FAST_N);
  }
  return fastDecode;
}

/** The linearToSrgbFast table: linearToSrgb((i / SRGB_FAST_N)²), i = 0 … SRGB_FAST_N + 1. */
export function srgbEncodeTable(): Float64Array {
  if (!fastEncode) {
    fastEncode = new Float64Array(FAST_N + 2);
    for (let i = 0; i <= FAST_N + 1; i++) fastEncode[i] = linearToSrgb((i / FAST_N) ** 2);
  }
  return fastEncode;
}

/** srgbToLinear by a 4097-entry table with linear interpolation; exact function outside [0, 1]. */
export function srgbToLinearFast(v: number): number {
  if (!(v >= 0 && v <= 1)) return srgbToLinear(v);
  const t = fastDecode ?? srgbDecodeTable();
  const x = v * FAST_N;
  const i = x | 0;
  return t[i] + (x - i) * (t[i + 1] - t[i]);
}

/**
 * linearToSrgb by a table indexed on √x (the curve is smooth in √x, not in x,
 * near black); exact function outside [0, 1].
 */
export function linearToSrgbFast(v: number): number {
  if (!(v >= 0 && v <= 1)) return linearToSrgb(v);
  const t = fastEncode ?? srgbEncodeTable();
  const x = sqrt(v) * FAST_N;
  const i = x | 0;
  return t[i] + (x - i) * (t[i + 1] - t[i]);
}
