import type { EffectsConfigDto, PublicEffectsConfig } from '@gradekit/contracts';

/**
 * A validated effects DTO as plain JSON for the task params (snake_case, as the
 * caller wrote it): class instances and absent fields dropped. `undefined` stays
 * undefined (no effects given).
 */
export function plainEffects(effects: EffectsConfigDto | undefined): PublicEffectsConfig | undefined {
  if (effects === undefined || effects === null) return undefined;
  const out: PublicEffectsConfig = {};
  for (const [name, params] of Object.entries(effects as Record<string, Record<string, number | undefined> | undefined>)) {
    if (params === undefined) continue;
    const values: Record<string, number> = {};
    for (const [param, value] of Object.entries(params)) if (value !== undefined) values[param] = value;
    out[name] = values;
  }
  return out;
}
