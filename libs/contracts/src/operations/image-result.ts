/**
 * The stored output of an image operation, under `result` of its task and its
 * response. The api adds `url` (a presigned download URL) when it answers; the
 * worker stores the rest. Stable: fields may be added, never removed or renamed.
 */
export interface ImageResult {
  /** Storage key of the output, in the caller's namespace (`u/<user>/results/<task id>.<ext>`). */
  key: string;
  /** Presigned download URL (added by the api; valid 7 days). */
  url?: string;
  width: number;
  height: number;
  /** Output format: the input's (jpeg, png, webp, avif, tiff); GIF inputs come back as PNG. */
  format: string;
  bytes: number;
  /** 16 when a 16-bit PNG or TIFF came in (depth is kept), else 8. */
  bit_depth: 8 | 16;
  has_alpha: boolean;
  /** A JPEG thumbnail (long side ≤ 256 px) for galleries and history. */
  thumbnail_key: string;
}

/** How far apart two images' colours are: reported before and after a match. */
export interface ColorGapBody {
  /** Sliced Wasserstein-1 distance between the CIELAB distributions of the proxies (ΔE76 units). */
  w1_lab: number;
  /** ΔE2000 between the images' mean CIELAB colours. */
  mean_delta_e2000: number;
  /** ΔE2000 between the dominant palettes (nearest-colour, fraction-weighted, symmetric). */
  palette_delta_e2000: number;
}

export interface MatchImageResult extends ImageResult {
  method: string;
  /** The parameters as applied, defaults filled in. */
  params: Record<string, number>;
  color_gap: {
    /** Target vs reference, before. */
    before: ColorGapBody;
    /** Result vs reference. */
    after: ColorGapBody;
    /** 100 × (1 − after.w1_lab / before.w1_lab): how much of the distribution gap was closed. */
    w1_reduction_percent: number;
  };
  /**
   * With preserve_skin_tones > 0: whose skin it kept — the target's detected faces
   * (`faces`: how many were sampled) or the generic skin-hue region (no usable face).
   * Absent when preserve_skin_tones is 0 (and from results stored before it existed).
   */
  skin_tones?: SkinTonesReport;
}

/** How a match chose the skin that preserve_skin_tones protects. */
export interface SkinTonesReport {
  source: 'faces' | 'generic';
  faces: number;
}

/** One target of a batch: its graded image, or why it failed (and was refunded). */
export type BatchItemResult =
  | ({ index: number; status: 'completed'; target_key: string } & MatchImageResult)
  | { index: number; status: 'failed'; target_key: string; error: { code: string; message: string } };

export interface MatchBatchResult {
  items: BatchItemResult[];
  succeeded: number;
  failed: number;
  /** Credits given back for the failed items. */
  credits_refunded: number;
}

/** A LUT export: the .cube file in storage and what it holds. */
export interface LutResult {
  key: string;
  url?: string;
  /** The download name, e.g. gradekit-match-natural-33.cube. */
  filename: string;
  format: 'cube';
  size: number;
  bytes: number;
  title: string;
  /** Always false: grain, halation, bloom, vignette and other spatial effects cannot be expressed in a LUT. */
  spatial_effects_included: false;
  note: string;
  [extra: string]: unknown;
}

export const LUT_SPATIAL_EFFECTS_NOTE =
  'A 3D LUT holds colour only: spatial effects (grain, halation, bloom, vignette, chromatic aberration, sharpening) are not in this file.';
