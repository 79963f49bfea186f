import { EFFECT_NAMES, EFFECT_PARAMS, EffectName, EffectsConfig, EffectsPatch, STRENGTH_PARAM } from './effects-config.model';
import { ValidationProblem, ValidationResult, checkKeys, checkNumber, isPlainObject } from '../grade/validation.model';

type ParamTable = Record<string, { range: readonly [number, number]; default: number }>;

/**
 * Validate an effects object from JSON: unknown effect names, unknown params,
 * wrong types and out-of-range values are all reported (field paths like
 * `grain.size`, under `prefix` when given). A valid input comes back complete:
 * each effect present gets its missing params' defaults; absent effects stay
 * absent (off). `undefined` is the empty config.
 */
export function validateEffectsConfig(input: unknown, prefix = ''): ValidationResult<EffectsConfig> {
  const r = validateEffectsPatch(input, prefix);
  return r.ok ? { ok: true, value: mergeEffects({}, r.value) } : r;
}

/** Validate a partial effects object (overrides) without filling defaults. */
export function validateEffectsPatch(input: unknown, prefix = ''): ValidationResult<EffectsPatch> {
  if (input === undefined) return { ok: true, value: {} };
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (!isPlainObject(input)) return { ok: false, problems: [{ field: prefix, message: 'must be an object' }] };
  const problems: ValidationProblem[] = [];
  checkKeys(input, EFFECT_NAMES, prefix, problems);
  const out: Record<string, Record<string, number>> = {};
  for (const name of EFFECT_NAMES) {
    const params = input[name];
    if (params === undefined) continue;
    if (!isPlainObject(params)) {
      problems.push({ field: at(name), message: 'must be an object of parameters' });
      continue;
    }
    const table = EFFECT_PARAMS[name] as ParamTable;
    checkKeys(params, Object.keys(table), at(name), problems);
    const values: Record<string, number> = {};
    for (const [param, spec] of Object.entries(table)) {
      if (params[param] === undefined) continue;
      const v = checkNumber(params[param], at(`${name}.${param}`), spec.range, problems);
      if (v !== undefined) values[param] = v;
    }
    out[name] = values;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out as EffectsPatch };
}

/**
 * Merge overrides onto a config, param by param; an effect that the base
 * lacks is added with its defaults under the overridden params. Returns a new
 * object (no aliasing). Inputs are assumed valid.
 */
export function mergeEffects(base: EffectsConfig, overrides: EffectsPatch = {}): EffectsConfig {
  const out: Record<string, Record<string, number>> = {};
  for (const name of EFFECT_NAMES) {
    const b = base[name] as Record<string, number> | undefined;
    const o = overrides[name] as Record<string, number | undefined> | undefined;
    if (!b && !o) continue;
    const full: Record<string, number> = {};
    for (const [param, spec] of Object.entries(EFFECT_PARAMS[name] as ParamTable)) {
      full[param] = o?.[param] ?? b?.[param] ?? spec.default;
    }
    out[name] = full;
  }
  return out as EffectsConfig;
}

/**
 * Scale every effect's strength parameter by t (0..1; sizes, thresholds and
 * shapes are kept). t = 0 switches everything off.
 */
export function scaleEffects(config: EffectsConfig, t: number): EffectsConfig {
  if (!(t >= 0 && t <= 1)) throw new RangeError(`intensity must be within 0..1 (got ${t})`);
  const out = mergeEffects(config);
  for (const name of Object.keys(out) as EffectName[]) {
    const p = out[name] as unknown as Record<string, number>;
    p[STRENGTH_PARAM[name]] *= t;
  }
  return out;
}
