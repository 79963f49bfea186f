import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { EFFECT_NAMES, EFFECT_PARAMS, type EffectName } from '@gradekit/color';
import { snakeCasePath } from '../../casing/key-case';

/** The public (snake_case) name of each engine effect. */
export const PUBLIC_EFFECT_NAMES: Readonly<Record<EffectName, string>> = Object.freeze(
  Object.fromEntries(EFFECT_NAMES.map((name) => [name, snakeCasePath(name)])) as Record<EffectName, string>,
);

type ParamDocs = { readonly [E in EffectName]: { readonly summary: string; readonly params: { readonly [P in keyof (typeof EFFECT_PARAMS)[E]]: string } } };

/**
 * What each effect and parameter does, for the OpenAPI schema and GET /api/v1/options.
 * Typed over the engine's EFFECT_PARAMS: an engine parameter without a description
 * here is a type error. Ranges and defaults come from EFFECT_PARAMS itself.
 */
export const EFFECT_DOCS: ParamDocs = {
  chromaticAberration: {
    summary: 'Lateral chromatic aberration: red and blue imaged at slightly different magnifications (colour fringes toward the corners).',
    params: { amount: 'Red/blue shift at the corners as a fraction of the image diagonal; + pushes red outward and blue inward. 0 = off.' },
  },
  vignette: {
    summary: 'Radial exposure falloff toward the corners, in linear light.',
    params: {
      amount: '+ darkens the corners (100 = −2 EV at full falloff), − lightens them. 0 = off.',
      midpoint: 'Where the falloff is centred, as a share of the centre-to-corner distance.',
      roundness: '0 follows the frame’s aspect (ellipse), 100 is a circle, −100 nearly a rounded rectangle.',
      feather: 'Softness: 0 = a hard edge at the midpoint, 100 = falloff from the centre to the corner.',
    },
  },
  halation: {
    summary: 'The red-orange halo film shows around bright highlights.',
    params: {
      strength: 'Strength of the halo. 0 = off.',
      threshold: 'sRGB-encoded luminance (0–1) above which light halates.',
      radius: 'Halo radius (Gaussian σ) as a fraction of the image diagonal.',
    },
  },
  bloom: {
    summary: 'A soft neutral glow spreading from the highlights (diffusion filter).',
    params: {
      strength: 'Strength of the glow. 0 = off.',
      threshold: 'sRGB-encoded luminance (0–1) above which light blooms.',
      radius: 'Glow radius (Gaussian σ) as a fraction of the image diagonal.',
    },
  },
  fade: {
    summary: 'Lifted blacks and lowered contrast (a faded print).',
    params: { amount: 'Fade amount: black rises to 0.25 × amount/100. 0 = off.' },
  },
  grain: {
    summary: 'Film grain: luminance-dependent (strongest in mid-tones), spatially correlated, seeded.',
    params: {
      amount: 'Strength: grain standard deviation in mid-tones = 0.12 × amount/100 of full scale. 0 = off.',
      size: 'Grain size: cell = 0.0004 × 15^(size/100) of the short side (≈ 1.2 px → 18 px on a 12 MP photo).',
      roughness: 'Weight of a finer octave over the base one; 0 = smooth blobs.',
      color: '0 = monochrome (silver) grain, 100 = independent per-channel (dye-cloud) grain.',
    },
  },
};

/** The offending value, short (it is the caller's input). */
function echo(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

type ParamSpec = { readonly range: readonly [number, number]; readonly default: number };

/**
 * One effect parameter: optional, but an explicit value (null included) must be a
 * finite number in range — one detail per parameter, naming the range.
 */
function EffectParam(spec: ParamSpec, description: string) {
  const [min, max] = spec.range;
  return applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: min, maximum: max, default: spec.default, description }),
    ValidateIf((_object, value) => value !== undefined),
    ValidateBy({
      name: 'isEffectParam',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
        defaultMessage: (args) => `${args?.property} must be a number between ${min} and ${max} (got ${echo(args?.value)})`,
      },
    }),
  );
}

const P = EFFECT_PARAMS;
const D = EFFECT_DOCS;

export class GrainParamsDto {
  @EffectParam(P.grain.amount, D.grain.params.amount) amount?: number;
  @EffectParam(P.grain.size, D.grain.params.size) size?: number;
  @EffectParam(P.grain.roughness, D.grain.params.roughness) roughness?: number;
  @EffectParam(P.grain.color, D.grain.params.color) color?: number;
}

export class HalationParamsDto {
  @EffectParam(P.halation.strength, D.halation.params.strength) strength?: number;
  @EffectParam(P.halation.threshold, D.halation.params.threshold) threshold?: number;
  @EffectParam(P.halation.radius, D.halation.params.radius) radius?: number;
}

export class BloomParamsDto {
  @EffectParam(P.bloom.strength, D.bloom.params.strength) strength?: number;
  @EffectParam(P.bloom.threshold, D.bloom.params.threshold) threshold?: number;
  @EffectParam(P.bloom.radius, D.bloom.params.radius) radius?: number;
}

export class VignetteParamsDto {
  @EffectParam(P.vignette.amount, D.vignette.params.amount) amount?: number;
  @EffectParam(P.vignette.midpoint, D.vignette.params.midpoint) midpoint?: number;
  @EffectParam(P.vignette.roundness, D.vignette.params.roundness) roundness?: number;
  @EffectParam(P.vignette.feather, D.vignette.params.feather) feather?: number;
}

export class ChromaticAberrationParamsDto {
  @EffectParam(P.chromaticAberration.amount, D.chromaticAberration.params.amount) amount?: number;
}

export class FadeEffectParamsDto {
  @EffectParam(P.fade.amount, D.fade.params.amount) amount?: number;
}

/** One effect of an EffectsConfig: an object of its parameters (missing ones take their defaults). */
function EffectField(type: new () => object, name: EffectName) {
  return applyDecorators(
    ApiPropertyOptional({ type, description: `${D[name].summary} Missing parameters take their defaults.` }),
    ValidateIf((_object, value) => value !== undefined),
    IsObject({ message: `$property must be an object of ${PUBLIC_EFFECT_NAMES[name]} parameters` }),
    ValidateNested(),
    Type(() => type),
  );
}

/**
 * EffectsConfig in the API's snake_case: any subset of the six spatial effects, each
 * any subset of its parameters. Unknown effects or parameters, wrong types and values
 * out of range are 400s with one detail per problem (`effects.grain.amount`). Applied
 * after the colour in the fixed order chromatic aberration → vignette → halation →
 * bloom → fade → grain.
 */
export class EffectsConfigDto {
  @EffectField(GrainParamsDto, 'grain') grain?: GrainParamsDto;
  @EffectField(HalationParamsDto, 'halation') halation?: HalationParamsDto;
  @EffectField(BloomParamsDto, 'bloom') bloom?: BloomParamsDto;
  @EffectField(VignetteParamsDto, 'vignette') vignette?: VignetteParamsDto;
  @EffectField(ChromaticAberrationParamsDto, 'chromaticAberration') chromatic_aberration?: ChromaticAberrationParamsDto;
  @EffectField(FadeEffectParamsDto, 'fade') fade?: FadeEffectParamsDto;
}
