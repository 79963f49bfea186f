/**
 * Hellinger distance between the joint CIELAB histograms of two images
 * (16 bins per axis: L* 0–100, a* and b* −96..96 with the outer bins open):
 *   H = sqrt(1 − Σ sqrt(p_i q_i)),  0 = identical histograms, 1 = disjoint.
 */
export function labHistogramDistance(labA: Float32Array, labB: Float32Array, bins = 16): number {
  const p = labHistogram(labA, bins);
  const q = labHistogram(labB, bins);
  let bc = 0;
  for (let i = 0; i < p.length; i++) bc += Math.sqrt(p[i] * q[i]);
  return Math.sqrt(Math.max(0, 1 - bc));
}

function labHistogram(lab: Float32Array, bins: number): Float64Array {
  const h = new Float64Array(bins * bins * bins);
  const n = lab.length / 3;
  const idx = (v: number, lo: number, hi: number): number => {
    const k = Math.floor(((v - lo) / (hi - lo)) * bins);
    return k < 0 ? 0 : k >= bins ? bins - 1 : k;
  };
  for (let i = 0; i < lab.length; i += 3) {
    h[(idx(lab[i + 2], -96, 96) * bins + idx(lab[i + 1], -96, 96)) * bins + idx(lab[i], 0, 100)] += 1 / n;
  }
  return h;
}
