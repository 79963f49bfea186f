import { labToXyz, xyzToLab } from './lab';
import { OKLAB_M1, OKLAB_M2, linearSrgbToOklab, oklabToLinearSrgb } from './oklab';
import { SRGB_FAST_N, linearToSrgb, linearToSrgbFast, srgbDecodeTable, srgbToLinear } from './srgb';
import { D65_XYZ, SRGB_TO_XYZ, XYZ_TO_SRGB } from './xyz';

/**
 * Whole-buffer conversions over packed triples (n × 3 Float32Array). Input
 * RGB is sRGB-encoded 0..1. `out` may be the input itself (in place). They use
 * the table-driven transfer functions (error < 1e-7) and a table-driven cube
 * root (error < 4e-8), fine for statistics and LUT baking; the scalar helpers
 * below are exact.
 */
export function srgbToLinearBuffer(rgb: Float32Array, out = new Float32Array(rgb.length)): Float32Array {
  for (let i = 0; i < rgb.length; i++) out[i] = srgbToLinear(rgb[i]);
  return out;
}

export function linearToSrgbBuffer(lin: Float32Array, out = new Float32Array(lin.length)): Float32Array {
  for (let i = 0; i < lin.length; i++) out[i] = linearToSrgb(lin[i]);
  return out;
}

export function srgbToOklabBuffer(rgb: Float32Array, out = new Float32Array(rgb.length)): Float32Array {
  const dec = srgbDecodeTable();
  const T = cbrtTable();
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = OKLAB_M1;
  const [b0, b1, b2, b3, b4, b5, b6, b7, b8] = OKLAB_M2;
  for (let i = 0; i < rgb.length; i += 3) {
    const r = decode(dec, rgb[i]);
    const g = decode(dec, rgb[i + 1]);
    const b = decode(dec, rgb[i + 2]);
    const l = cbrtWith(T, a0 * r + a1 * g + a2 * b);
    const m = cbrtWith(T, a3 * r + a4 * g + a5 * b);
    const s = cbrtWith(T, a6 * r + a7 * g + a8 * b);
    out[i] = b0 * l + b1 * m + b2 * s;
    out[i + 1] = b3 * l + b4 * m + b5 * s;
    out[i + 2] = b6 * l + b7 * m + b8 * s;
  }
  return out;
}

export function oklabToSrgbBuffer(lab: Float32Array, out = new Float32Array(lab.length)): Float32Array {
  for (let i = 0; i < lab.length; i += 3) {
    const [r, g, b] = oklabToLinearSrgb(lab[i], lab[i + 1], lab[i + 2]);
    out[i] = linearToSrgbFast(r);
    out[i + 1] = linearToSrgbFast(g);
    out[i + 2] = linearToSrgbFast(b);
  }
  return out;
}

export function srgbToLabBuffer(rgb: Float32Array, out = new Float32Array(rgb.length)): Float32Array {
  const dec = srgbDecodeTable();
  const T = cbrtTable();
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = SRGB_TO_XYZ;
  const xw = 1 / D65_XYZ[0];
  const zw = 1 / D65_XYZ[2];
  for (let i = 0; i < rgb.length; i += 3) {
    const r = decode(dec, rgb[i]);
    const g = decode(dec, rgb[i + 1]);
    const b = decode(dec, rgb[i + 2]);
    const x = (m0 * r + m1 * g + m2 * b) * xw;
    const y = m3 * r + m4 * g + m5 * b;
    const z = (m6 * r + m7 * g + m8 * b) * zw;
    const fx = x > LAB_EPS ? cbrtWith(T, x) : (LAB_KAPPA * x + 16) / 116;
    const fy = y > LAB_EPS ? cbrtWith(T, y) : (LAB_KAPPA * y + 16) / 116;
    const fz = z > LAB_EPS ? cbrtWith(T, z) : (LAB_KAPPA * z + 16) / 116;
    out[i] = 116 * fy - 16;
    out[i + 1] = 500 * (fx - fy);
    out[i + 2] = 200 * (fy - fz);
  }
  return out;
}

export function labToSrgbBuffer(lab: Float32Array, out = new Float32Array(lab.length)): Float32Array {
  const m = XYZ_TO_SRGB;
  for (let i = 0; i < lab.length; i += 3) {
    const [X, Y, Z] = labToXyz(lab[i], lab[i + 1], lab[i + 2]);
    out[i] = linearToSrgbFast(m[0] * X + m[1] * Y + m[2] * Z);
    out[i + 1] = linearToSrgbFast(m[3] * X + m[4] * Y + m[5] * Z);
    out[i + 2] = linearToSrgbFast(m[6] * X + m[7] * Y + m[8] * Z);
  }
  return out;
}

const LAB_EPS = 216 / 24389;
const LAB_KAPPA = 24389 / 27;

// Module-level aliases: hot loops must not look up globals (inside a vm
// context, as under jest, every global lookup is ~100× slower).
const sqrt = Math.sqrt;
const cbrt = Math.cbrt;

const CBRT_N = 4096;
let cbrtTab: Float64Array | null = null;

/** (i / 4096)^(2/3): the cube root tabulated on √t (smooth there, unlike on t near 0). */
function cbrtTable(): Float64Array {
  if (!cbrtTab) {
    cbrtTab = new Float64Array(CBRT_N + 2);
    for (let i = 0; i <= CBRT_N + 1; i++) cbrtTab[i] = Math.pow(i / CBRT_N, 2 / 3);
  }
  return cbrtTab;
}

/** ∛t by the √-indexed table on [0, 1] (absolute error < 4e-8); exact elsewhere. */
function cbrtWith(T: Float64Array, t: number): number {
  if (!(t >= 0 && t <= 1)) return cbrt(t);
  const x = sqrt(t) * CBRT_N;
  const i = x | 0;
  return T[i] + (x - i) * (T[i + 1] - T[i]);
}

/** Cube root for hot loops: √-indexed table on [0, 1] (absolute error < 4e-8), exact Math.cbrt elsewhere. */
export function cbrtFast(t: number): number {
  return cbrtWith(cbrtTable(), t);
}

/** srgbToLinearFast with its table passed in (no lazy-init check per call). */
function decode(dec: Float64Array, v: number): number {
  if (!(v >= 0 && v <= 1)) return srgbToLinear(v);
  const x = v * SRGB_FAST_N;
  const i = x | 0;
  return dec[i] + (x - i) * (dec[i + 1] - dec[i]);
}

/** sRGB-encoded triple (0..1) → CIELAB. */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const m = SRGB_TO_XYZ;
  const lr = srgbToLinear(r);
  const lg = srgbToLinear(g);
  const lb = srgbToLinear(b);
  return xyzToLab(m[0] * lr + m[1] * lg + m[2] * lb, m[3] * lr + m[4] * lg + m[5] * lb, m[6] * lr + m[7] * lg + m[8] * lb);
}

/** sRGB-encoded triple (0..1) → Oklab. */
export function srgbToOklab(r: number, g: number, b: number): [number, number, number] {
  return linearSrgbToOklab(srgbToLinear(r), srgbToLinear(g), srgbToLinear(b));
}

/** Oklab → sRGB-encoded triple (unclamped). */
export function oklabToSrgb(L: number, a: number, b: number): [number, number, number] {
  const [r, g, bl] = oklabToLinearSrgb(L, a, b);
  return [linearToSrgb(r), linearToSrgb(g), linearToSrgb(bl)];
}
