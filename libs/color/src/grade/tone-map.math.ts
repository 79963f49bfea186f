import { linearToSrgb } from '../space/srgb';

/** The tonal sliders that make up the luminance tone map. */
export interface ToneControls {
  contrast: number;
  highlights: number;
  shadows: number;
  whites: number;
  blacks: number;
}

/** sRGB-encoded value of 18 % middle grey (≈ 0.461): the contrast pivot. */
export const MIDDLE_GREY_ENCODED = linearToSrgb(0.18);
const TABLE = 2048;

/**
 * The one-dimensional tone map of the tonal sliders, on sRGB-ENCODED
 * luminance e (a perceptual, roughly logarithmic scale: equal steps read as
 * equal brightness steps, so regional weights mean the same thing in shadows
 * and highlights). With e_c = clamp(e, 0, 1):
 *
 *   contrast  (k = 2^(contrast/100), pivot p = middle grey ≈ 0.461):
 *             e < p: p·(e/p)^k;  e ≥ p: 1 − (1−p)·((1−e)/(1−p))^k
 *             (an S-curve with slope k at p, ends fixed; C¹)
 *   blacks    + 0.20·b·(1 − e_c)^4          (moves the black end)
 *   shadows   + 0.14·s·6.75·e_c(1 − e_c)²   (peak at e = 1/3)
 *   highlights+ 0.14·h·6.75·e_c²(1 − e_c)   (peak at e = 2/3)
 *   whites    + 0.20·w·e_c^4                (moves the white end)
 * with b, s, h, w = slider/100. Amplitudes are chosen so each term alone keeps
 * the curve monotone; combined extremes could still dip, so the map is
 * tabulated on [0, 1] and made monotone by a running maximum. Beyond [0, 1]
 * (exposure can push there) it continues with slope 1 from its end values.
 * Returns null when every slider is 0 (the stage is skipped: exact identity).
 */
export function buildToneMap(c: ToneControls): ((e: number) => number) | null {
  if (c.contrast === 0 && c.highlights === 0 && c.shadows === 0 && c.whites === 0 && c.blacks === 0) return null;
  const k = Math.pow(2, c.contrast / 100);
  const p = MIDDLE_GREY_ENCODED;
  const B = 0.2 * (c.blacks / 100);
  const W = 0.2 * (c.whites / 100);
  const S = 0.14 * 6.75 * (c.shadows / 100);
  const H = 0.14 * 6.75 * (c.highlights / 100);
  const table = new Float64Array(TABLE + 1);
  let prev = -Infinity;
  for (let i = 0; i <= TABLE; i++) {
    const e = i / TABLE;
    let y = e < p ? p * Math.pow(e / p, k) : 1 - (1 - p) * Math.pow((1 - e) / (1 - p), k);
    const u = 1 - e;
    y += B * u * u * u * u + W * e * e * e * e + S * e * u * u + H * e * e * u;
    prev = y > prev ? y : prev;
    table[i] = prev;
  }
  const y0 = table[0];
  const y1 = table[TABLE];
  return (e) => {
    if (!(e > 0)) return y0 + (e || 0);
    if (e >= 1) return y1 + (e - 1);
    const x = e * TABLE;
    const i = x | 0;
    return table[i] + (x - i) * (table[i + 1] - table[i]);
  };
}
