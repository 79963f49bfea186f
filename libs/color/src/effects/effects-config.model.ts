/**
 * EffectsConfig: the film / lens effects that a LUT cannot hold, applied as
 * spatial passes AFTER the colour LUT (docs/architecture.md). Every size is relative to
 * the image (fraction of the diagonal or of the short side), so a 512 px proxy
 * and the 12 MP original get the same look. An absent effect, or one whose
 * strength parameter is 0, is skipped (the identity, bit for bit).
 * camelCase here; the API maps to snake_case (`chromatic_aberration`).
 */

/** Film grain: luminance-dependent, spatially correlated, seeded. */
export interface GrainParams {
  /** 0..100 strength: std of the grain in mid-tones = 0.12 × amount/100 (sRGB-encoded). */
  amount: number;
  /** 0..100 grain size: cell = 0.0004 × 15^(size/100) of the short side (≈ 1.2 px → 18 px on 12 MP). Default 30. */
  size: number;
  /** 0..100: weight of a finer octave (half the size) over the base one; 0 = smooth blobs. Default 50. */
  roughness: number;
  /** 0..100: 0 = monochrome (silver) grain, 100 = independent per-channel (dye-cloud) grain. Default 0. */
  color: number;
}

/** Halation: the red-orange halo that film shows around bright highlights. */
export interface HalationParams {
  /** 0..100 strength of the halo. */
  strength: number;
  /** 0..1 sRGB-encoded luminance above which light halates. Default 0.8. */
  threshold: number;
  /** 0.0005..0.05 halo radius (Gaussian σ) as a fraction of the image diagonal. Default 0.006. */
  radius: number;
}

/** Bloom: a soft neutral glow spreading from highlights (diffusion filter, lens glare). */
export interface BloomParams {
  /** 0..100 strength of the glow. */
  strength: number;
  /** 0..1 sRGB-encoded luminance above which light blooms. Default 0.7. */
  threshold: number;
  /** 0.0005..0.1 glow radius (Gaussian σ) as a fraction of the image diagonal. Default 0.015. */
  radius: number;
}

/** Vignette: a radial exposure falloff toward the corners. */
export interface VignetteParams {
  /** −100..100: + darkens the corners (100 = −2 EV at full falloff), − lightens them. */
  amount: number;
  /** 0..100: where the falloff is centred, as a share of the centre-to-corner distance. Default 50. */
  midpoint: number;
  /** −100..100: 0 follows the frame's aspect (ellipse), 100 is a circle, −100 nearly a rounded rectangle. Default 0. */
  roundness: number;
  /** 0..100: softness; 0 = a hard edge at the midpoint, 100 = falloff from the centre to the corner. Default 50. */
  feather: number;
}

/** Lateral chromatic aberration: red and blue imaged at slightly different magnifications. */
export interface ChromaticAberrationParams {
  /** −0.01..0.01: red/blue shift at the corners as a fraction of the diagonal; + pushes red outward and blue inward. */
  amount: number;
}

/** Fade: lifted blacks and lowered contrast (the same maths as the grade's `fade`). */
export interface FadeEffectParams {
  /** 0..100. */
  amount: number;
}

export interface EffectsConfig {
  grain?: GrainParams;
  halation?: HalationParams;
  bloom?: BloomParams;
  vignette?: VignetteParams;
  chromaticAberration?: ChromaticAberrationParams;
  fade?: FadeEffectParams;
}

export type EffectName = keyof EffectsConfig;

/** What clients send and what overrides are: any subset of effects and of their params. */
export type EffectsPatch = { [K in EffectName]?: Partial<NonNullable<EffectsConfig[K]>> };

interface ParamSpec {
  range: readonly [number, number];
  default: number;
}

/**
 * Every effect's parameters: range and default. The first parameter listed is
 * the effect's STRENGTH — what `intensity` scales and what 0 switches off.
 * Pipeline order (see apply-effects.pipeline.ts) is the order of this table.
 */
export const EFFECT_PARAMS = Object.freeze({
  chromaticAberration: { amount: { range: [-0.01, 0.01], default: 0.002 } },
  vignette: {
    amount: { range: [-100, 100], default: 30 },
    midpoint: { range: [0, 100], default: 50 },
    roundness: { range: [-100, 100], default: 0 },
    feather: { range: [0, 100], default: 50 },
  },
  halation: {
    strength: { range: [0, 100], default: 30 },
    threshold: { range: [0, 1], default: 0.8 },
    radius: { range: [0.0005, 0.05], default: 0.006 },
  },
  bloom: {
    strength: { range: [0, 100], default: 30 },
    threshold: { range: [0, 1], default: 0.7 },
    radius: { range: [0.0005, 0.1], default: 0.015 },
  },
  fade: { amount: { range: [0, 100], default: 20 } },
  grain: {
    amount: { range: [0, 100], default: 25 },
    size: { range: [0, 100], default: 30 },
    roughness: { range: [0, 100], default: 50 },
    color: { range: [0, 100], default: 0 },
  },
} as const satisfies Record<EffectName, Record<string, ParamSpec>>);

export const EFFECT_NAMES = Object.freeze(Object.keys(EFFECT_PARAMS) as EffectName[]);

/** The name of each effect's strength parameter. */
export const STRENGTH_PARAM: Readonly<Record<EffectName, string>> = Object.freeze({
  chromaticAberration: 'amount',
  vignette: 'amount',
  halation: 'strength',
  bloom: 'strength',
  fade: 'amount',
  grain: 'amount',
});

/** True when the effect is present with a non-zero strength. */
export function isEffectActive(config: EffectsConfig, name: EffectName): boolean {
  const p = config[name] as Record<string, number> | undefined;
  return p !== undefined && p[STRENGTH_PARAM[name]] !== 0;
}
