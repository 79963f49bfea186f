import { HSL_BANDS, type ColorGradeValues } from '@gradekit/color';
import type { GradeDelta } from './vocabulary.model';

const SCALARS = ['exposure', 'contrast', 'highlights', 'shadows', 'whites', 'blacks', 'temperature', 'tint', 'vibrance', 'saturation', 'fade'] as const;
const WHEEL_KEYS = ['master', 'red', 'green', 'blue'] as const;
const DEG = Math.PI / 180;

/**
 * Adds one toning amount to a split-toning side. Positive scales add it as a colour
 * vector (amount at hue), so teal added to teal deepens it and warm added to teal
 * partly cancels it, as tints do; negative scales only take amount away along the
 * current hue (never flipping it to the opposite colour).
 */
function addToning(current: { hue: number; saturation: number }, hue: number, amount: number, k: number): { hue: number; saturation: number } {
  if (k < 0) return { hue: current.hue, saturation: Math.max(0, current.saturation + k * amount) };
  const x = current.saturation * Math.cos(current.hue * DEG) + k * amount * Math.cos(hue * DEG);
  const y = current.saturation * Math.sin(current.hue * DEG) + k * amount * Math.sin(hue * DEG);
  const saturation = Math.hypot(x, y);
  return saturation < 1e-9 ? { hue: current.hue, saturation: 0 } : { hue: ((Math.atan2(y, x) / DEG) % 360 + 360) % 360, saturation };
}

/** v += k · delta, in place (no clamping: the caller normalises). */
export function applyDelta(v: ColorGradeValues, delta: GradeDelta, k: number): void {
  for (const key of SCALARS) if (delta[key] !== undefined) v[key] += k * (delta[key] as number);
  for (const band of HSL_BANDS) {
    const d = delta.hsl?.[band];
    if (!d) continue;
    if (d.hue !== undefined) v.hsl[band].hue += k * d.hue;
    if (d.saturation !== undefined) v.hsl[band].saturation += k * d.saturation;
    if (d.luminance !== undefined) v.hsl[band].luminance += k * d.luminance;
  }
  for (const key of WHEEL_KEYS) {
    if (delta.lift?.[key] !== undefined) v.liftGammaGain.lift[key] += k * (delta.lift[key] as number);
    if (delta.gain?.[key] !== undefined) v.liftGammaGain.gain[key] += k * (delta.gain[key] as number);
  }
  const split = delta.splitToning;
  if (split?.highlightSaturation !== undefined) {
    const next = addToning({ hue: v.splitToning.highlightHue, saturation: v.splitToning.highlightSaturation }, split.highlightHue ?? v.splitToning.highlightHue, split.highlightSaturation, k);
    v.splitToning.highlightHue = next.hue;
    v.splitToning.highlightSaturation = next.saturation;
  }
  if (split?.shadowSaturation !== undefined) {
    const next = addToning({ hue: v.splitToning.shadowHue, saturation: v.splitToning.shadowSaturation }, split.shadowHue ?? v.splitToning.shadowHue, split.shadowSaturation, k);
    v.splitToning.shadowHue = next.hue;
    v.splitToning.shadowSaturation = next.saturation;
  }
}
