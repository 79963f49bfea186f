import { HalationParams } from './effects-config.model';
import { Planes, lumaOf } from './effect-planes.util';
import { blurPlane, highlightMask, sigmaPixels } from './glow.math';

/**
 * Halation on LINEAR planes (in place). In film, bright light crosses the
 * emulsion, reflects off the film base and re-exposes the emulsion from
 * behind — mostly the red-sensitive layer nearest the base, a little of the
 * green — so highlights grow a red-orange halo. Model:
 *   H = G_σ * m(Y)           (highlight mask, glow.math.ts; σ = radius × diagonal)
 *   rgb += s · H · (1.0, 0.35, 0.08),  s = 2 · strength/100
 * The tint is the halo colour; additive in linear light, as light is.
 */
export const HALATION_TINT: readonly [number, number, number] = Object.freeze([1, 0.35, 0.08]) as readonly [number, number, number];

export function halationPass(planes: Planes, p: HalationParams): void {
  if (p.strength === 0) return;
  if (planes.domain !== 'linear') throw new Error('halationPass: planes must be linear');
  const { width: w, height: h } = planes;
  const halo = blurPlane(highlightMask(lumaOf(planes), p.threshold), w, h, sigmaPixels(p.radius, w, h));
  const s = 2 * (p.strength / 100);
  planes.c.forEach((ch, c) => {
    const k = s * HALATION_TINT[c];
    for (let i = 0; i < ch.length; i++) ch[i] += k * halo[i];
  });
}
