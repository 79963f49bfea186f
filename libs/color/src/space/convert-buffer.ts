import { labToXyz, xyzToLab } from './lab';
import { linearSrgbToOklab, oklabToLinearSrgb } from './oklab';
import { linearToSrgb, linearToSrgbFast, srgbToLinear, srgbToLinearFast } from './srgb';
import { D65_XYZ, SRGB_TO_XYZ, XYZ_TO_SRGB } from './xyz';

/**
 * Whole-buffer conversions over packed triples (n × 3 Float32Array). Input
 * RGB is sRGB-encoded 0..1. `out` may be the input itself (in place). They use
 * the table-driven transfer functions (error < 1e-7), fine for statistics and
 * LUT baking; the scalar helpers below are exact.
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
  for (let i = 0; i < rgb.length; i += 3) {
    const [L, a, b] = linearSrgbToOklab(srgbToLinearFast(rgb[i]), srgbToLinearFast(rgb[i + 1]), srgbToLinearFast(rgb[i + 2]));
    out[i] = L;
    out[i + 1] = a;
    out[i + 2] = b;
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
  const m = SRGB_TO_XYZ;
  const xw = 1 / D65_XYZ[0];
  const zw = 1 / D65_XYZ[2];
  for (let i = 0; i < rgb.length; i += 3) {
    const r = srgbToLinearFast(rgb[i]);
    const g = srgbToLinearFast(rgb[i + 1]);
    const b = srgbToLinearFast(rgb[i + 2]);
    const fx = labF((m[0] * r + m[1] * g + m[2] * b) * xw);
    const fy = labF(m[3] * r + m[4] * g + m[5] * b);
    const fz = labF((m[6] * r + m[7] * g + m[8] * b) * zw);
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
function labF(t: number): number {
  return t > LAB_EPS ? Math.cbrt(t) : (LAB_KAPPA * t + 16) / 116;
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
