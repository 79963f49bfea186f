import type { ColorGradeValues } from '@gradekit/color';
import type { ImageStats } from './assistant.model';

/**
 * Corrections read from the image's own statistics: exposure, white balance and the
 * rest of "auto". Each returns the change to add (per unit of the term's scale), or
 * null when the image needs none. Heuristics, deliberately damped: one image cannot
 * tell a dark scene from an underexposed one, so nothing moves by more than a
 * plausible correction.
 */

/** The white of sRGB (D65) in mireds, and its Duv (D65 sits just above the Planckian locus). */
const D65_MIRED = 1e6 / 6504;
const D65_DUV = 0.0032;
/** A well-exposed photo's log-average luminance sits about 0.7 EV under middle grey (dark areas pull the log average down). */
const TYPICAL_EXPOSURE_EV = -0.7;
const MIDDLE_GREY = 0.18;

const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));
const round2 = (v: number): number => Math.round(v * 100) / 100 + 0;

function decode(code: number): number {
  const e = clamp(code / 255, 0, 1);
  return e <= 0.04045 ? e / 12.92 : ((e + 0.055) / 1.055) ** 2.4;
}

/**
 * Exposure in EV that brings the image to a typical brightness: how far it is from one,
 * measured half by the log-average (exposure_ev, against its typical −0.7) and half by
 * the median (against middle grey), corrected by 75 %, at most ±1.5 EV, none under 0.1 EV.
 * A brightening correction is halved when highlights are already clipping.
 */
export function exposureCorrection(stats: ImageStats): number | null {
  const byLogAverage = stats.exposureEv - TYPICAL_EXPOSURE_EV;
  const byMedian = Math.log2(Math.max(decode(stats.medianLuminance), 1e-4) / MIDDLE_GREY);
  let correction = clamp(-0.75 * (0.5 * byLogAverage + 0.5 * byMedian), -1.5, 1.5);
  if (correction > 0 && stats.clippedHighlightsPercent > 2) correction /= 2;
  return Math.abs(correction) < 0.1 ? null : round2(correction);
}

/**
 * Temperature (mireds) and tint that move the estimated scene white to D65: the grade
 * adapts D65 → 10⁶/(153.8 + temperature) K, so the correction is minus the white's
 * offset in mireds; tint moves the white's Duv by −tint·0.0002, so the correction is
 * (Duv − Duv_D65)/0.0002. Weighted by the estimate's confidence (90 % at full
 * confidence, 45 % at none); null when both are under 3 units.
 */
export function whiteBalanceCorrection(stats: ImageStats): { temperature: number; tint: number } | null {
  const cct = clamp(stats.whitePointCctKelvin, 1000, 40000);
  const weight = 0.9 * (0.5 + 0.5 * clamp(stats.whitePointConfidence, 0, 1));
  const temperature = clamp(-(1e6 / cct - D65_MIRED) * weight, -100, 100);
  const tint = clamp(((stats.whitePointDuv - D65_DUV) / 0.0002) * weight, -100, 100);
  if (Math.abs(temperature) < 3 && Math.abs(tint) < 3) return null;
  return { temperature: round2(temperature), tint: round2(tint) };
}

/**
 * The tonal and colour part of "auto": contrast toward an RMS contrast of 0.2 (only
 * when under 0.15 or over 0.28), highlights pulled when more than 0.5 % clip,
 * shadows opened when more than 2 % are crushed, vibrance when colourfulness is low
 * (M < 30) or very high (M > 90).
 */
export function autoToneCorrection(stats: ImageStats): Partial<Pick<ColorGradeValues, 'contrast' | 'highlights' | 'shadows' | 'vibrance'>> {
  const out: Partial<Pick<ColorGradeValues, 'contrast' | 'highlights' | 'shadows' | 'vibrance'>> = {};
  if (stats.rmsContrast < 0.15) out.contrast = round2(Math.min(30, (0.2 - stats.rmsContrast) * 200));
  else if (stats.rmsContrast > 0.28) out.contrast = round2(-Math.min(30, (stats.rmsContrast - 0.2) * 150));
  if (stats.clippedHighlightsPercent > 0.5) out.highlights = round2(-Math.min(40, 10 + stats.clippedHighlightsPercent * 10));
  if (stats.clippedShadowsPercent > 2) out.shadows = round2(Math.min(40, stats.clippedShadowsPercent * 3));
  if (stats.colorfulness < 30) out.vibrance = round2(Math.min(30, 35 - stats.colorfulness));
  else if (stats.colorfulness > 90) out.vibrance = -10;
  return out;
}

/** Extra highlight pull for "recover highlights" on an image that really clips: 8 per clipped %, at most 25. */
export function highlightRecoveryBoost(stats: ImageStats | undefined): number {
  return stats ? round2(Math.min(25, stats.clippedHighlightsPercent * 8)) : 0;
}
