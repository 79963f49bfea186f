/**
 * Hasler & Süsstrunk (2003) colourfulness M on the 0–255 sRGB scale:
 *   rg = R − G, yb = (R + G)/2 − B,
 *   M = sqrt(σ_rg² + σ_yb²) + 0.3 · sqrt(μ_rg² + μ_yb²).
 * Their scale: ≈0 not colourful, 15 slightly, 33 moderately, 45 averagely,
 * 59 quite, 82 highly, 109+ extremely colourful.
 */
export function colorfulness(rgb: Float32Array): number {
  const n = rgb.length / 3;
  if (n === 0) return 0;
  let srg = 0;
  let syb = 0;
  let srg2 = 0;
  let syb2 = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const r = rgb[i] * 255;
    const g = rgb[i + 1] * 255;
    const b = rgb[i + 2] * 255;
    const rg = r - g;
    const yb = 0.5 * (r + g) - b;
    srg += rg;
    syb += yb;
    srg2 += rg * rg;
    syb2 += yb * yb;
  }
  const mrg = srg / n;
  const myb = syb / n;
  const vrg = Math.max(0, srg2 / n - mrg * mrg);
  const vyb = Math.max(0, syb2 / n - myb * myb);
  return Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
}
