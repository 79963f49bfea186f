/**
 * Fade (matte / washed-out film look) as an affine map on sRGB-encoded values,
 * per channel: y = lift + x·(1 − lift − drop), with lift = 0.25·f and
 * drop = 0.05·f (f = fade/100, 0..1). Black rises to at most 0.25, white comes
 * down to at most 0.95; contrast drops by the same factor everywhere. Shared
 * by the grade (a colour op, bakeable) and the `fade` film effect.
 * Returns [offset, scale].
 */
export function fadeCoefficients(fade: number): [number, number] {
  const f = fade / 100;
  const lift = 0.25 * f;
  const drop = 0.05 * f;
  return [lift, 1 - lift - drop];
}
