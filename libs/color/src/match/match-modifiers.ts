import { ColorTransform } from '../lut/color-transform';
import { srgbToOklabBuffer } from '../space/convert-buffer';
import { ResolvedMatchParams } from './match-params';
import { oklabToSrgbGamut } from './oklab-gamut';
import { skinModelWeight, type SkinModel } from './skin-model';

/**
 * The MatchParams that shape any fitted transform, applied in Oklab to each
 * colour x (the target's) and its matched value m:
 *   luminanceTransfer λ: L ← L_x + λ (L_m − L_x)
 *   contrast c:          L ← L + c · (2L − 1) · L · (1 − L)   (monotone for |c| ≤ 1)
 *   saturation s:        (a, b) ← s · (a, b)
 *   preserveNeutrals p:  (a, b) ← mix((a, b), (a_x, b_x), p · exp(−(C_x / 0.03)²))
 *   preserveSkinTones k: colour ← mix(·, x, 0.85 · k · skin(x))
 *   strength σ:          result ← x + σ (result − x)
 * skin(x) is the membership of x in `skin` (the target's own faces, see skin-model.ts)
 * when one is given, else the generic skin-hue region (skinWeight).
 * Returns the transform itself when every modifier is neutral.
 */
export function withMatchModifiers(transform: ColorTransform, p: ResolvedMatchParams, skin?: SkinModel | null): ColorTransform {
  const neutral =
    p.luminanceTransfer === 1 && p.contrast === 0 && p.saturation === 1 && p.preserveNeutrals === 0 && p.preserveSkinTones === 0 && p.strength === 1;
  if (neutral) return transform;
  return (rgb) => {
    const x = srgbToOklabBuffer(rgb);
    transform(rgb);
    const lab = srgbToOklabBuffer(rgb);
    for (let i = 0; i < lab.length; i += 3) {
      const L0 = x[i];
      const a0 = x[i + 1];
      const b0 = x[i + 2];
      let L = L0 + p.luminanceTransfer * (lab[i] - L0);
      if (p.contrast !== 0) {
        const l = L < 0 ? 0 : L > 1 ? 1 : L;
        L = l + p.contrast * (2 * l - 1) * l * (1 - l);
      }
      let a = lab[i + 1] * p.saturation;
      let b = lab[i + 2] * p.saturation;
      if (p.preserveNeutrals > 0) {
        const w = p.preserveNeutrals * Math.exp(-(a0 * a0 + b0 * b0) / (0.03 * 0.03));
        a += w * (a0 - a);
        b += w * (b0 - b);
      }
      if (p.preserveSkinTones > 0) {
        const w = 0.85 * p.preserveSkinTones * (skin ? skinModelWeight(skin, L0, a0, b0) : skinWeight(L0, a0, b0));
        L += w * (L0 - L);
        a += w * (a0 - a);
        b += w * (b0 - b);
      }
      const s = p.strength;
      oklabToSrgbGamut(L0 + s * (L - L0), a0 + s * (a - a0), b0 + s * (b - b0), rgb, i);
    }
  };
}

/**
 * Soft membership of the skin-tone region in Oklch: hue within ±30° of 55°
 * (where skin of every complexion falls), chroma 0.01–0.19, L 0.25–0.97.
 */
export function skinWeight(L: number, a: number, b: number): number {
  const C = Math.hypot(a, b);
  if (C < 0.01 || L < 0.25 || L > 0.97) return 0;
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  const dh = Math.abs(h - 55);
  const hue = dh >= 30 ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * dh) / 30);
  const chroma = ramp(C, 0.01, 0.03) * (1 - ramp(C, 0.15, 0.19));
  const light = ramp(L, 0.25, 0.35) * (1 - ramp(L, 0.9, 0.97));
  return hue * chroma * light;
}

function ramp(x: number, a: number, b: number): number {
  const t = (x - a) / (b - a);
  return t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
}
