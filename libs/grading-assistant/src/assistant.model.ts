import type { ColorGradeValues, ImageAnalysis } from '@gradekit/color';

/**
 * The few statistics of the image the assistant reads ("auto", "fix exposure",
 * "neutral white balance", highlight recovery). A subset of the colour engine's
 * ImageAnalysis, computed by the worker on the ≤ 512 px proxy of the original.
 */
export interface ImageStats {
  /** log2(log-average luminance / 0.18); 0 = averages to middle grey. */
  exposureEv: number;
  /** Median of the sRGB-encoded luminance, 0–255. */
  medianLuminance: number;
  /** RMS contrast: std of encoded luminance on 0–1. */
  rmsContrast: number;
  /** % of pixels with a blown channel (≥ 253). */
  clippedHighlightsPercent: number;
  /** % of pixels with every channel ≤ 2. */
  clippedShadowsPercent: number;
  /** Correlated colour temperature of the estimated scene white, kelvin (D65 ≈ 6504). */
  whitePointCctKelvin: number;
  /** Distance of that white from the Planckian locus (CIE 1960 uv); > 0 green. D65 itself is +0.0032. */
  whitePointDuv: number;
  /** 0–1 support of the white-point estimate. */
  whitePointConfidence: number;
  /** Hasler–Süsstrunk colourfulness M (0 grey, > 82 highly colourful). */
  colorfulness: number;
}

/** The subset of the colour engine's analysis the assistant uses. */
export function imageStatsOf(analysis: ImageAnalysis): ImageStats {
  return {
    exposureEv: analysis.luminance.exposureEv,
    medianLuminance: analysis.luminance.median,
    rmsContrast: analysis.luminance.rmsContrast,
    clippedHighlightsPercent: analysis.luminance.clippedHighlightsPercent,
    clippedShadowsPercent: analysis.luminance.clippedShadowsPercent,
    whitePointCctKelvin: analysis.whitePoint.cctKelvin,
    whitePointDuv: analysis.whitePoint.duv,
    whitePointConfidence: analysis.whitePoint.confidence,
    colorfulness: analysis.colorfulness,
  };
}

/** One turn of a conversation with the assistant. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** One thing the assistant did, for people: which words, what it did, which controls moved. */
export interface GradeChange {
  /** The words of the prompt this change comes from, modifiers included ("a bit warmer"). */
  term: string;
  /** A sentence: what it does and by how much ("Warmer white balance: temperature 0 → 10."). */
  effect: string;
  /** Dotted snake_case paths of the controls it moved, as in the API's `values` (`split_toning.shadow_hue`). */
  fields: string[];
}

export interface AssistantContext {
  /** Statistics of the image being graded; terms that need them are skipped without. */
  stats?: ImageStats;
  /** The values to start from (refine: the current grade). Default: neutral. */
  current?: ColorGradeValues;
  /**
   * The conversation so far (refine), oldest first, without the new prompt. Its user
   * turns are what "a bit more" repeats and what "undo" replays.
   */
  history?: readonly ChatMessage[];
}

export interface Interpretation {
  /** Complete, validated values, every control inside its range. */
  values: ColorGradeValues;
  changes: GradeChange[];
  /** Words of the prompt that meant nothing to the assistant, as written (fragments). */
  unrecognised: string[];
  /** The assistant's answer in words (≤ 2000 characters): what it did and what it did not understand. */
  reply: string;
}

/** Largest assistant reply, the same limit the API puts on a message's content. */
export const MAX_REPLY_CHARS = 2000;
