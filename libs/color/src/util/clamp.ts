/** Clamp to [lo, hi]; NaN maps to lo so a bad value can never escape into a buffer. */
export function clamp(x: number, lo = 0, hi = 1): number {
  return x > lo ? (x < hi ? x : hi) : lo;
}

/** Linear interpolation a → b. */
export function mix(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Hermite smoothstep between edges e0 < e1. */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = clamp((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
}
