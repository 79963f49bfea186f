import { BloomParams } from './effects-config.model';
import { Planes, lumaOf } from './effect-planes.util';
import { blurMix, highlightMask, sigmaPixels } from './glow.math';

/**
 * Bloom on LINEAR planes (in place): highlights spread a soft glow of their
 * own colour, as through a diffusion filter or lens glare. The glow source is
 * each channel's light masked to the highlights, S_c = c · m(Y)
 * (glow.math.ts), spread by two Gaussians — a core and a wide skirt, closer
 * to a real glare point-spread than one Gaussian:
 *   B_c = 0.65 · G_σ * S_c + 0.35 · G_3σ * S_c,   σ = radius × diagonal
 *   c += s · B_c,  s = 1.5 · strength/100
 */
export function bloomPass(planes: Planes, p: BloomParams): void {
  if (p.strength === 0) return;
  if (planes.domain !== 'linear') throw new Error('bloomPass: planes must be linear');
  const { width: w, height: h } = planes;
  const mask = highlightMask(lumaOf(planes), p.threshold);
  const sigma = sigmaPixels(p.radius, w, h);
  const s = 1.5 * (p.strength / 100);
  const src = new Float32Array(w * h);
  for (const ch of planes.c) {
    for (let i = 0; i < src.length; i++) src[i] = ch[i] * mask[i];
    const glow = blurMix(src, w, h, [
      [sigma, 0.65 * s],
      [3 * sigma, 0.35 * s],
    ]);
    for (let i = 0; i < ch.length; i++) ch[i] += glow[i];
  }
}
