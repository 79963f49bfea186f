import { D65_XYZ } from './xyz';

/**
 * CIE 1976 L*a*b* relative to a reference white (D65 by default), with the
 * exact rational constants ε = 216/24389 and κ = 24389/27 (CIE 15:2004 note),
 * so the two branches meet continuously and round trips are exact.
 */
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function fInv(t: number): number {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
}

export function xyzToLab(
  X: number,
  Y: number,
  Z: number,
  white: ArrayLike<number> = D65_XYZ,
): [number, number, number] {
  const fx = f(X / white[0]);
  const fy = f(Y / white[1]);
  const fz = f(Z / white[2]);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function labToXyz(
  L: number,
  a: number,
  b: number,
  white: ArrayLike<number> = D65_XYZ,
): [number, number, number] {
  const fy = (L + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const yr = L > KAPPA * EPS ? fy * fy * fy : L / KAPPA;
  return [fInv(fx) * white[0], yr * white[1], fInv(fz) * white[2]];
}

/** L* of a relative luminance Y (white = 1). */
export function luminanceToLightness(Y: number): number {
  return 116 * f(Y) - 16;
}

/** Lab → LCh(ab): chroma and hue angle in degrees [0, 360). */
export function labToLch(L: number, a: number, b: number): [number, number, number] {
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  return [L, Math.hypot(a, b), h < 0 ? h + 360 : h];
}

export function lchToLab(L: number, C: number, h: number): [number, number, number] {
  const r = (h * Math.PI) / 180;
  return [L, C * Math.cos(r), C * Math.sin(r)];
}
