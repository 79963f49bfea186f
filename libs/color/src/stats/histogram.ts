/**
 * 256-bin histogram of channel `c` of packed samples in [0, 1] (bin i holds
 * values that round to code i). Plain number[] so it serialises to JSON as-is.
 */
export function histogram256(samples: Float32Array, c: number, stride = 3): number[] {
  const bins = new Array<number>(256).fill(0);
  for (let i = c; i < samples.length; i += stride) {
    const k = Math.round(samples[i] * 255);
    bins[k < 0 ? 0 : k > 255 ? 255 : k]++;
  }
  return bins;
}
