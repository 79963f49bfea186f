import { createGaussianRng } from '@gradekit/color';

/**
 * The white noise the graph shapes into grain: `count` standard normal values drawn from
 * the engine's seeded generator (mulberry32 + Box–Muller), in row-major order. The same
 * seed and size give the same values on every platform, so the same seed gives the same
 * output bytes; the graph gives the noise its spectrum, not this function.
 */
export function styleNoise(seed: number, count: number): Float32Array {
  const next = createGaussianRng(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = next();
  return out;
}
