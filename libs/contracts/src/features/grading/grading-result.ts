import type { ImageResult, LutResult } from '../../operations/image-result';

/**
 * Effects as the public API writes them: snake_case effect names, each with all of
 * its parameters (`{ grain: { amount, size, roughness, color }, chromatic_aberration: { amount } }`).
 */
export type PublicEffectsConfig = Record<string, Record<string, number>>;

/** POST /presets/{preset_name}/apply: the graded image and what was applied. */
export interface PresetImageResult extends ImageResult {
  preset: string;
  intensity: number;
  /** Grid size of the LUT the preset was baked into (33). */
  lut_size: number;
}

/**
 * POST /film-effects/apply. `effects` is the configuration as applied: the preset
 * merged with the request's `effects`, every parameter filled in, strengths already
 * multiplied by `intensity` — sending it back as `effects` with `intensity: 1` and the
 * same `seed` reproduces the image exactly.
 */
export interface FilmEffectsImageResult extends ImageResult {
  preset: string | null;
  intensity: number;
  seed: number;
  effects: PublicEffectsConfig;
}

/** POST /looks/{look_name}/apply: `effects` as applied (overrides merged, strengths scaled), like film effects. */
export interface LookImageResult extends ImageResult {
  look: string;
  intensity: number;
  color_intensity: number;
  effects_intensity: number;
  seed: number;
  /** Grid size of the LUT the colour part was baked into (33). */
  lut_size: number;
  effects: PublicEffectsConfig;
}

/** POST /lut/export/preset/{preset_name}. */
export interface PresetLutResult extends LutResult {
  preset: string;
  intensity: number;
}

export interface WhiteBalanceImageResult extends ImageResult {
  method: string;
  intensity: number;
  /** The white that was removed: its correlated colour temperature, distance from the Planckian locus, linear RGB and how sure the estimate is. */
  estimated_white: { cct_kelvin: number; duv: number; rgb: number[]; confidence: number };
}
