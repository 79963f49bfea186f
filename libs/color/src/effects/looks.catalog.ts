import { EffectsConfig, EffectsPatch } from './effects-config.model';
import { mergeEffects, scaleEffects, validateEffectsConfig, validateEffectsPatch } from './effects-config.validate';
import { LOOK_DEFINITIONS, LookCategory } from './looks.data';
import { ColorGradeValues } from '../grade/grade-values.model';
import { cloneGradeValues } from '../grade/grade-values.merge';
import { validateGradeValues } from '../grade/grade-values.validate';
import { gradeTransform } from '../grade/grade.transform';
import { GradeValidationError, ValidationProblem, ValidationResult, checkKeys, checkNumber, isPlainObject } from '../grade/validation.model';
import { ColorTransform } from '../lut/color-transform';

/** A cinematic look: a colour grade (baked into a LUT) plus spatial effects (applied after). */
export interface Look {
  name: string;
  displayName: string;
  description: string;
  category: LookCategory;
  color: ColorGradeValues;
  effects: EffectsConfig;
}

/** POST /looks/<name>/apply options (camelCase; the API maps from snake_case). */
export interface LookOptions {
  /** 0..1, default 1: scales both parts. */
  intensity?: number;
  /** 0..1, default 1: scales the colour part (× intensity). */
  colorIntensity?: number;
  /** 0..1, default 1: scales the effects' strengths (× intensity). */
  effectsIntensity?: number;
  /** Per-effect parameter overrides, merged onto the look's effects BEFORE scaling. */
  effectsOverrides?: EffectsPatch;
}

export interface LookPlan {
  /** The colour part at intensity × colorIntensity: bake it (bakeLut) and apply first. */
  colorTransform: ColorTransform;
  /** The effects with overrides merged and strengths scaled: apply after the LUT with applyEffects (intensity 1). */
  effects: EffectsConfig;
}

const LOOKS: ReadonlyMap<string, Look> = new Map(
  LOOK_DEFINITIONS.map((d) => {
    const color = validateGradeValues(d.color);
    const effects = validateEffectsConfig(d.effects);
    if (!color.ok || !effects.ok) throw new Error(`built-in look ${d.name} is invalid`);
    return [d.name, { name: d.name, displayName: d.displayName, description: d.description, category: d.category, color: color.value, effects: effects.value }];
  }),
);

const copy = (l: Look): Look => ({ ...l, color: cloneGradeValues(l.color), effects: mergeEffects(l.effects) });

/** Every built-in look, in catalog order (fresh copies). */
export function listLooks(): Look[] {
  return [...LOOKS.values()].map(copy);
}

/** One look by name, or undefined for an unknown name. */
export function getLook(name: string): Look | undefined {
  const l = LOOKS.get(name);
  return l ? copy(l) : undefined;
}

const OPTION_KEYS = ['intensity', 'colorIntensity', 'effectsIntensity', 'effectsOverrides'] as const;

/**
 * Validate look options from JSON: intensities within 0..1, overrides naming
 * only known effects and params with in-range values (field paths like
 * `effectsOverrides.grain.size`). Returns the options with defaults filled.
 */
export function validateLookOptions(input: unknown): ValidationResult<Required<LookOptions>> {
  const value: Required<LookOptions> = { intensity: 1, colorIntensity: 1, effectsIntensity: 1, effectsOverrides: {} };
  if (input === undefined) return { ok: true, value };
  if (!isPlainObject(input)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] };
  const problems: ValidationProblem[] = [];
  checkKeys(input, OPTION_KEYS, '', problems);
  for (const key of ['intensity', 'colorIntensity', 'effectsIntensity'] as const) {
    if (input[key] === undefined) continue;
    const v = checkNumber(input[key], key, [0, 1], problems);
    if (v !== undefined) value[key] = v;
  }
  const overrides = validateEffectsPatch(input.effectsOverrides, 'effectsOverrides');
  if (overrides.ok) value.effectsOverrides = overrides.value;
  else problems.push(...overrides.problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/**
 * What applying a look means: the colour transform (to bake into a LUT) and
 * the effects config (to run after it). Undefined for an unknown look;
 * throws GradeValidationError (with the problems list) for invalid options.
 * Intensity 0 (or colorIntensity and effectsIntensity 0) is the identity.
 */
export function lookPlan(name: string, options: LookOptions = {}): LookPlan | undefined {
  const look = LOOKS.get(name);
  if (!look) return undefined;
  const v = validateLookOptions(options);
  if (!v.ok) throw new GradeValidationError(v.problems);
  const o = v.value;
  return {
    colorTransform: gradeTransform(look.color, o.intensity * o.colorIntensity),
    effects: scaleEffects(mergeEffects(look.effects, o.effectsOverrides), o.intensity * o.effectsIntensity),
  };
}
