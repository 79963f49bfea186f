import { oklabToLinearSrgb } from '../space/oklab';
import { linearToSrgbFast } from '../space/srgb';

/**
 * Oklab → sRGB-encoded with chroma-preserving gamut mapping: when the colour
 * falls outside the sRGB cube, its chroma is reduced (L and hue kept) until
 * it fits, instead of clipping channels — channel clipping shifts hue and
 * lightness and would break the luminance structure a match is meant to keep.
 * L is clamped to [0, 1] first. Writes into out[o..o+2].
 */
export function oklabToSrgbGamut(L: number, a: number, b: number, out: Float32Array, o: number): void {
  const l = L < 0 ? 0 : L > 1 ? 1 : L;
  let rgb = oklabToLinearSrgb(l, a, b);
  if (!inGamut(rgb)) {
    let lo = 0;
    let hi = 1;
    for (let it = 0; it < 14; it++) {
      const mid = (lo + hi) / 2;
      if (inGamut(oklabToLinearSrgb(l, a * mid, b * mid))) lo = mid;
      else hi = mid;
    }
    rgb = oklabToLinearSrgb(l, a * lo, b * lo);
  }
  out[o] = linearToSrgbFast(clamp01(rgb[0]));
  out[o + 1] = linearToSrgbFast(clamp01(rgb[1]));
  out[o + 2] = linearToSrgbFast(clamp01(rgb[2]));
}

const TOL = 1e-6;
function inGamut(c: readonly number[]): boolean {
  return c[0] >= -TOL && c[0] <= 1 + TOL && c[1] >= -TOL && c[1] <= 1 + TOL && c[2] >= -TOL && c[2] <= 1 + TOL;
}

function clamp01(v: number): number {
  return v > 0 ? (v < 1 ? v : 1) : 0;
}
