import { FadeEffectParams } from './effects-config.model';
import { Planes } from './effect-planes.util';
import { fadeCoefficients } from '../grade/fade.math';

/**
 * Fade as a film effect on sRGB-ENCODED planes (in place). It is a colour-only
 * operation — the same affine map as the grade's `fade` (fade.math.ts:
 * y = 0.25f + x·(1 − 0.30f)) — offered here so an effects preset can carry it;
 * it runs before grain so the grain rides on the faded tones.
 */
export function fadePass(planes: Planes, p: FadeEffectParams): void {
  if (p.amount === 0) return;
  if (planes.domain !== 'encoded') throw new Error('fadePass: planes must be sRGB-encoded');
  const [offset, scale] = fadeCoefficients(p.amount);
  for (const ch of planes.c) {
    for (let i = 0; i < ch.length; i++) ch[i] = offset + ch[i] * scale;
  }
}
