import { getFilmEffectPreset, mergeEffects, scaleEffects, validateEffectsPatch, type EffectsConfig } from '@gradekit/color';
import { DomainError, camelCaseKeys, snakeCasePath, type JsonObject } from '@gradekit/contracts';

export interface FilmEffectsPlan {
  preset: string | null;
  intensity: number;
  /** What applyEffects runs (intensity 1): the preset merged with the overrides, strengths × intensity. */
  effects: EffectsConfig;
}

/**
 * The effects of a film_effects_apply task from its params `{ preset, effects, intensity }`
 * (effects in the API's snake_case): the preset's config, the request's effects merged
 * onto it parameter by parameter (an effect the preset lacks is added with defaults),
 * every strength scaled by intensity.
 */
export function filmEffectsPlan(params: { preset?: string | null; effects?: JsonObject; intensity?: number }): FilmEffectsPlan {
  const preset = params.preset ?? null;
  const intensity = params.intensity ?? 1;
  const base = preset === null ? {} : getFilmEffectPreset(preset)?.effects;
  if (!base) throw new DomainError('NOT_FOUND', `Film-effect preset "${preset}" not found`, [{ field: 'preset', message: 'no film-effect preset has this name' }]);
  const overrides = engineEffectsPatch(params.effects ?? {}, 'effects');
  return { preset, intensity, effects: scaleEffects(mergeEffects(base, overrides), checkedIntensity(intensity)) };
}

/** API effects (snake_case) → the engine's patch, validated by the engine (problems reported in the API's field names). */
export function engineEffectsPatch(effects: JsonObject, field: string) {
  const checked = validateEffectsPatch(camelCaseKeys(effects), field);
  if (!checked.ok) {
    throw DomainError.validation(
      `Invalid ${field}`,
      checked.problems.map((problem) => ({ field: snakeCasePath(problem.field), message: problem.message })),
    );
  }
  return checked.value;
}

function checkedIntensity(intensity: number): number {
  if (!(intensity >= 0 && intensity <= 1)) throw DomainError.validation('intensity must be within 0..1', [{ field: 'intensity', message: 'must be within 0..1' }]);
  return intensity;
}
