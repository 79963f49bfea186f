import { HSL_BANDS, HslBand } from './grade-values.model';
import { linearSrgbToOklab, oklabToOklch } from '../space/oklab';
import { srgbToLinear } from '../space/srgb';

/**
 * Smooth hue-band weights for the HSL mixer, in Oklch hue (perceptually even,
 * unlike HSL hue, where e.g. the green band would span 4× the visual range of
 * orange). Each band is centred on the Oklch hue of its reference sRGB colour:
 *   red #ff0000 ≈ 29°, orange #ff8000 ≈ 53°, yellow #ffff00 ≈ 110°,
 *   green #00ff00 ≈ 142°, aqua #00ffff ≈ 195°, blue #0000ff ≈ 264°,
 *   purple #8000ff ≈ 294°, magenta #ff00ff ≈ 328°.
 * Between two neighbouring centres the weight moves from one band to the
 * next with a raised cosine, w_next = (1 − cos πt)/2: C¹ (no hard edges, no
 * kinks), the weights of every hue sum to 1 (all bands +X = a global +X), and
 * a band affects only the hues between its two neighbours' centres.
 */
const REFERENCE: Record<HslBand, [number, number, number]> = {
  red: [1, 0, 0],
  orange: [1, 0.5, 0],
  yellow: [1, 1, 0],
  green: [0, 1, 0],
  aqua: [0, 1, 1],
  blue: [0, 0, 1],
  purple: [0.5, 0, 1],
  magenta: [1, 0, 1],
};

export const BAND_CENTERS: readonly number[] = Object.freeze(
  HSL_BANDS.map((band) => {
    const [r, g, b] = REFERENCE[band].map(srgbToLinear);
    return oklabToOklch(...linearSrgbToOklab(r, g, b))[2];
  }),
);

/**
 * Write the 8 band weights of Oklch hue `h` (degrees) into `out` (length 8);
 * at most two are non-zero. Returns the index of the lower band.
 */
export function bandWeights(h: number, out: Float64Array): number {
  out.fill(0);
  const n = BAND_CENTERS.length;
  const hh = ((h % 360) + 360) % 360;
  // Find i with centre_i ≤ h < centre_{i+1} on the circle (the last band wraps to the first).
  let i = n - 1;
  for (let k = 0; k < n; k++) {
    if (hh >= BAND_CENTERS[k]) i = k;
  }
  const j = (i + 1) % n;
  const lo = BAND_CENTERS[i];
  let span = BAND_CENTERS[j] - lo;
  let d = hh - lo;
  if (span <= 0) span += 360;
  if (d < 0) d += 360;
  const t = d / span;
  const wj = (1 - Math.cos(Math.PI * t)) / 2;
  out[i] = 1 - wj;
  out[j] = wj;
  return i;
}
