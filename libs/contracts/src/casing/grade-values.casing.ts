import { HSL_BANDS, validateGradeValues, type ColorGradeValues, type CurvePoint, type GradeValuesPatch, type ValidationResult } from '@gradekit/color';
import { snakeCasePath, type SnakeCasedKeys } from './key-case';

/**
 * ColorGradeValues as the public API spells them (snake_case): what `values` holds in
 * AI results and what `current_values` takes. The same controls, ranges and maths as
 * the colour engine's camelCase object (libs/color/src/grade/README.md), derived from
 * it so the two cannot drift apart.
 */
export type SnakeGradeValues = SnakeCasedKeys<ColorGradeValues>;

/** snake_case keys that differ from the engine's camelCase ones. */
const SNAKE_TO_CAMEL: Readonly<Record<string, string>> = {
  tone_curve: 'toneCurve',
  lift_gamma_gain: 'liftGammaGain',
  split_toning: 'splitToning',
  highlight_hue: 'highlightHue',
  highlight_saturation: 'highlightSaturation',
  shadow_hue: 'shadowHue',
  shadow_saturation: 'shadowSaturation',
};

/** Keys spelled the same in both forms. */
const SAME_KEYS = new Set<string>([
  'exposure', 'contrast', 'highlights', 'shadows', 'whites', 'blacks', 'temperature', 'tint', 'vibrance', 'saturation', 'fade',
  'hsl', ...HSL_BANDS, 'hue', 'luminance', 'master', 'red', 'green', 'blue', 'lift', 'gamma', 'gain', 'balance',
]);

/**
 * Marks a key that is not part of the snake_case schema (a camelCase spelling such as
 * `toneCurve`, or anything unknown), so the engine's validator reports it as unknown
 * under the name the client wrote.
 */
const FOREIGN = '\u0001';

function toEngineKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const mapped = SNAKE_TO_CAMEL[key] ?? (SAME_KEYS.has(key) ? key : `${FOREIGN}${key}`);
    out[mapped] = toEngineKeys(child);
  }
  return out;
}

function publicPath(enginePath: string): string {
  return enginePath
    .split('.')
    .map((segment) => (segment.startsWith(FOREIGN) ? segment.slice(FOREIGN.length) : snakeCasePath(segment)))
    .join('.');
}

function publicMessage(message: string): string {
  return message.replace(/\(allowed: ([^)]*)\)/, (_all, list: string) => `(allowed: ${list.split(', ').map(snakeCasePath).join(', ')})`);
}

/**
 * Validates snake_case grade values from a request (or a remote assistant): every
 * problem is reported with its dotted snake_case path under `prefix`
 * (`current_values.hsl.red.hue`, `current_values.tone_curve.master[2]`); unknown and
 * camelCase keys are rejected. A valid input comes back complete and in engine form.
 */
export function gradeValuesFromSnake(input: unknown, prefix = ''): ValidationResult<ColorGradeValues> {
  const result = validateGradeValues(toEngineKeys(input));
  if (result.ok) return result;
  const join = (path: string) => (prefix && path ? `${prefix}.${path}` : prefix || path);
  return { ok: false, problems: result.problems.map((p) => ({ field: join(publicPath(p.field)), message: publicMessage(p.message) })) };
}

/**
 * Like gradeValuesFromSnake, but a valid input comes back as the patch it is (only the
 * controls it names, engine spelling), to merge over other values.
 */
export function gradePatchFromSnake(input: unknown, prefix = ''): ValidationResult<GradeValuesPatch> {
  const checked = gradeValuesFromSnake(input, prefix);
  if (!checked.ok) return checked;
  return { ok: true, value: (toEngineKeys(input ?? {}) as GradeValuesPatch) };
}

/** Engine values → the API's snake_case object (a fresh copy). */
export function gradeValuesToSnake(v: ColorGradeValues): SnakeGradeValues {
  const hsl = {} as SnakeGradeValues['hsl'];
  for (const band of HSL_BANDS) hsl[band] = { ...v.hsl[band] };
  const curve = (points: readonly CurvePoint[]): CurvePoint[] => points.map(([x, y]) => [x, y]);
  return {
    exposure: v.exposure,
    contrast: v.contrast,
    highlights: v.highlights,
    shadows: v.shadows,
    whites: v.whites,
    blacks: v.blacks,
    temperature: v.temperature,
    tint: v.tint,
    vibrance: v.vibrance,
    saturation: v.saturation,
    fade: v.fade,
    hsl,
    tone_curve: { master: curve(v.toneCurve.master), red: curve(v.toneCurve.red), green: curve(v.toneCurve.green), blue: curve(v.toneCurve.blue) },
    lift_gamma_gain: {
      lift: { ...v.liftGammaGain.lift },
      gamma: { ...v.liftGammaGain.gamma },
      gain: { ...v.liftGammaGain.gain },
    },
    split_toning: {
      highlight_hue: v.splitToning.highlightHue,
      highlight_saturation: v.splitToning.highlightSaturation,
      shadow_hue: v.splitToning.shadowHue,
      shadow_saturation: v.splitToning.shadowSaturation,
      balance: v.splitToning.balance,
    },
  };
}
