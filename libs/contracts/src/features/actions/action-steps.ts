import {
  WHITE_BALANCE_METHODS,
  getFilmEffectPreset,
  getLook,
  getPreset,
  validateEffectsPatch,
  validateLookOptions,
  type ValidationProblem,
} from '@gradekit/color';
import { camelCaseKeys, snakeCasePath } from '../../casing/key-case';
import { gradeValuesFromSnake } from '../../casing/grade-values.casing';
import type { ErrorDetail } from '../../errors/domain-error';
import type { JsonObject } from '../../operations/operation-definition';
import type { WhiteBalanceMethodName } from '../grading/white-balance-request.dto';
import { MATCH_METHOD_NAMES, type MatchMethodName } from '../match/match-request.dto';
import type { MatchParamsInput } from '../match/match.params';

/**
 * The steps of a processing action (POST /actions, /actions/apply), in the API's
 * snake_case. Colour-only steps (preset, grade, white_balance, lut, match and a
 * look's colour part) fuse into one LUT pass when consecutive; spatial steps
 * (film_effects, a look's effects) run as their own passes in between.
 */
export type ActionStep =
  | { type: 'preset'; name: string; intensity?: number }
  | { type: 'grade'; values: JsonObject; intensity?: number }
  | { type: 'white_balance'; method?: WhiteBalanceMethodName; intensity?: number; neutral_x?: number; neutral_y?: number }
  | { type: 'lut'; lut_key: string }
  | { type: 'match'; reference_key: string; method?: MatchMethodName; params?: MatchParamsInput }
  | { type: 'film_effects'; preset?: string; effects?: JsonObject; intensity?: number; seed?: number }
  | { type: 'look'; name: string; intensity?: number; color_intensity?: number; effects_intensity?: number; effects_overrides?: JsonObject };

export const ACTION_STEP_TYPES = ['preset', 'grade', 'white_balance', 'lut', 'match', 'film_effects', 'look'] as const;
export const MAX_ACTION_STEPS = 20;

/** Steps whose output depends only on each pixel's colour: they can share one LUT pass. */
export function isColorOnlyStep(step: ActionStep): boolean {
  return step.type !== 'film_effects' && step.type !== 'look';
}

type Checked = { ok: true; steps: ActionStep[] } | { ok: false; problems: ErrorDetail[] };

const ALLOWED_KEYS: Record<ActionStep['type'], readonly string[]> = {
  preset: ['type', 'name', 'intensity'],
  grade: ['type', 'values', 'intensity'],
  white_balance: ['type', 'method', 'intensity', 'neutral_x', 'neutral_y'],
  lut: ['type', 'lut_key'],
  match: ['type', 'reference_key', 'method', 'params'],
  film_effects: ['type', 'preset', 'effects', 'intensity', 'seed'],
  look: ['type', 'name', 'intensity', 'color_intensity', 'effects_intensity', 'effects_overrides'],
};

const MATCH_PARAM_KEYS = ['strength', 'luminance_transfer', 'saturation', 'contrast', 'preserve_skin_tones', 'preserve_neutrals', 'lut_size', 'seed'];

/**
 * Checks a steps array completely (shape, names, ranges, effects and grade values
 * by the engine's own validators) and reports every problem with its path,
 * e.g. `steps[2].effects.grain.amount`. Storage keys are checked later, against
 * their owner, when the action runs.
 */
export function validateActionSteps(input: unknown, field = 'steps'): Checked {
  const problems: ErrorDetail[] = [];
  if (!Array.isArray(input)) return { ok: false, problems: [{ field, message: 'must be an array of steps' }] };
  if (input.length === 0 || input.length > MAX_ACTION_STEPS) problems.push({ field, message: `must have 1 to ${MAX_ACTION_STEPS} steps (got ${input.length})` });
  input.forEach((raw, index) => checkStep(raw, `${field}[${index}]`, problems));
  return problems.length ? { ok: false, problems } : { ok: true, steps: input as ActionStep[] };
}

function checkStep(raw: unknown, at: string, problems: ErrorDetail[]): void {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return void problems.push({ field: at, message: 'must be an object with a type' });
  const step = raw as Record<string, unknown>;
  const type = step.type as ActionStep['type'];
  if (!ACTION_STEP_TYPES.includes(type)) return void problems.push({ field: `${at}.type`, message: `must be one of ${ACTION_STEP_TYPES.join(', ')}` });
  for (const key of Object.keys(step)) if (!ALLOWED_KEYS[type].includes(key)) problems.push({ field: `${at}.${key}`, message: `unknown field for a ${type} step` });
  const unit = (key: string) => {
    const value = step[key];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) problems.push({ field: `${at}.${key}`, message: 'must be a number between 0 and 1' });
  };
  const text = (key: string, required: boolean) => {
    const value = step[key];
    if (value === undefined ? required : typeof value !== 'string' || value.length === 0 || value.length > 1024) {
      problems.push({ field: `${at}.${key}`, message: required ? 'required, a non-empty string' : 'must be a non-empty string' });
      return false;
    }
    return value !== undefined;
  };
  const engine = (found: ValidationProblem[], prefix: string) =>
    found.forEach((p) => problems.push({ field: [at, snakeCasePath([prefix, p.field].filter(Boolean).join('.'))].filter(Boolean).join('.'), message: p.message }));

  switch (type) {
    case 'preset':
      unit('intensity');
      if (text('name', true) && !getPreset(step.name as string)) problems.push({ field: `${at}.name`, message: `no preset named "${String(step.name).slice(0, 64)}" (GET /api/v1/presets)` });
      break;
    case 'grade': {
      unit('intensity');
      if (step.values === undefined) problems.push({ field: `${at}.values`, message: 'required: grade values (ColorGradeValues, snake_case)' });
      else {
        const checked = gradeValuesFromSnake(step.values, `${at}.values`);
        if (!checked.ok) for (const { field, message } of checked.problems) problems.push({ field, message });
      }
      break;
    }
    case 'white_balance': {
      unit('intensity');
      unit('neutral_x');
      unit('neutral_y');
      const method = step.method ?? 'auto';
      if (!(WHITE_BALANCE_METHODS as readonly unknown[]).includes(method)) problems.push({ field: `${at}.method`, message: `must be one of ${WHITE_BALANCE_METHODS.join(', ')}` });
      if (method === 'neutral_point' && (step.neutral_x === undefined || step.neutral_y === undefined)) problems.push({ field: `${at}.neutral_x`, message: 'neutral_x and neutral_y are required for neutral_point' });
      break;
    }
    case 'lut':
      text('lut_key', true);
      break;
    case 'match': {
      text('reference_key', true);
      if (step.method !== undefined && !(MATCH_METHOD_NAMES as readonly unknown[]).includes(step.method)) problems.push({ field: `${at}.method`, message: `must be one of ${MATCH_METHOD_NAMES.join(', ')}` });
      const params = step.params;
      if (params !== undefined) {
        if (!params || typeof params !== 'object' || Array.isArray(params)) problems.push({ field: `${at}.params`, message: 'must be an object (MatchParams)' });
        else for (const key of Object.keys(params)) if (!MATCH_PARAM_KEYS.includes(key)) problems.push({ field: `${at}.params.${key}`, message: 'unknown MatchParams field' });
      }
      break;
    }
    case 'film_effects': {
      unit('intensity');
      const hasPreset = text('preset', false);
      if (hasPreset && !getFilmEffectPreset(step.preset as string)) problems.push({ field: `${at}.preset`, message: `no film-effect preset named "${String(step.preset).slice(0, 64)}" (GET /api/v1/film-effects/presets)` });
      if (!hasPreset && step.effects === undefined) problems.push({ field: `${at}.effects`, message: 'give a preset, effects, or both' });
      const checked = validateEffectsPatch(camelCaseKeys(step.effects), 'effects');
      if (!checked.ok) engine(checked.problems, '');
      if (step.seed !== undefined && !(Number.isInteger(step.seed) && (step.seed as number) >= 0 && (step.seed as number) <= 0xffffffff)) problems.push({ field: `${at}.seed`, message: 'must be an integer 0..4294967295' });
      break;
    }
    case 'look': {
      if (text('name', true) && !getLook(step.name as string)) problems.push({ field: `${at}.name`, message: `no look named "${String(step.name).slice(0, 64)}" (GET /api/v1/looks)` });
      const options = { intensity: step.intensity, color_intensity: step.color_intensity, effects_intensity: step.effects_intensity, effects_overrides: step.effects_overrides };
      const checked = validateLookOptions(camelCaseKeys(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))));
      if (!checked.ok) engine(checked.problems, '');
      break;
    }
  }
}
