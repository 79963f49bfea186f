import { GRADE_RANGES, HSL_BANDS, cloneGradeValues, type ColorGradeValues, type CurvePoint } from '@gradekit/color';
import { snakeCasePath } from '@gradekit/contracts';

const SCALARS = ['exposure', 'contrast', 'highlights', 'shadows', 'whites', 'blacks', 'temperature', 'tint', 'vibrance', 'saturation', 'fade'] as const;
export type ScalarControl = (typeof SCALARS)[number];
const HSL_KEYS = ['hue', 'saturation', 'luminance'] as const;
const WHEELS = ['lift', 'gamma', 'gain'] as const;
const WHEEL_KEYS = ['master', 'red', 'green', 'blue'] as const;
const SPLIT_KEYS = ['highlightHue', 'highlightSaturation', 'shadowHue', 'shadowSaturation', 'balance'] as const;
const CURVES = ['master', 'red', 'green', 'blue'] as const;

const clamp = (value: number, [min, max]: readonly [number, number]): number => (value < min ? min : value > max ? max : value);
/** Two decimals: the figures people read and send back; also what makes outputs stable across runs. */
const round2 = (value: number): number => Math.round(value * 100) / 100 + 0; // + 0 turns −0 into 0

/**
 * Every control back inside its range (GRADE_RANGES), hues wrapped to 0..360, and
 * rounded to two decimals; returns a new object. What the assistant hands out always
 * passes validateGradeValues.
 */
export function normaliseGradeValues(input: ColorGradeValues): ColorGradeValues {
  const v = cloneGradeValues(input);
  for (const key of SCALARS) v[key] = round2(clamp(v[key], GRADE_RANGES[key]));
  for (const band of HSL_BANDS) for (const key of HSL_KEYS) v.hsl[band][key] = round2(clamp(v.hsl[band][key], GRADE_RANGES.hsl));
  for (const wheel of WHEELS) for (const key of WHEEL_KEYS) v.liftGammaGain[wheel][key] = round2(clamp(v.liftGammaGain[wheel][key], GRADE_RANGES[wheel]));
  const split = v.splitToning;
  split.highlightHue = round2(((split.highlightHue % 360) + 360) % 360);
  split.shadowHue = round2(((split.shadowHue % 360) + 360) % 360);
  split.highlightSaturation = round2(clamp(split.highlightSaturation, GRADE_RANGES.splitSaturation));
  split.shadowSaturation = round2(clamp(split.shadowSaturation, GRADE_RANGES.splitSaturation));
  split.balance = round2(clamp(split.balance, GRADE_RANGES.balance));
  return v;
}

/**
 * The values at `t` (0..1) of their strength, the way gradeTransform's intensity
 * reads them: scalars and amounts × t, gains 1 + t(g − 1), curves x + t(y − x)
 * (still monotone), hues and balance kept. Used for "a bit like kodachrome".
 */
export function scaleGradeValues(values: ColorGradeValues, t: number): ColorGradeValues {
  const v = cloneGradeValues(values);
  for (const key of SCALARS) v[key] *= t;
  for (const band of HSL_BANDS) for (const key of HSL_KEYS) v.hsl[band][key] *= t;
  for (const key of WHEEL_KEYS) {
    v.liftGammaGain.lift[key] *= t;
    v.liftGammaGain.gamma[key] *= t;
    v.liftGammaGain.gain[key] = 1 + t * (v.liftGammaGain.gain[key] - 1);
  }
  for (const curve of CURVES) v.toneCurve[curve] = v.toneCurve[curve].map(([x, y]): CurvePoint => [x, x + t * (y - x)]);
  v.splitToning.highlightSaturation *= t;
  v.splitToning.shadowSaturation *= t;
  return v;
}

/** One control that differs between two sets of values. */
export interface FieldDiff {
  /** snake_case dotted path. */
  field: string;
  before: number | string;
  after: number | string;
}

const curveText = (points: readonly CurvePoint[]): string => JSON.stringify(points);

/** The controls that differ, in the documented order of the controls. */
export function diffGradeValues(before: ColorGradeValues, after: ColorGradeValues): FieldDiff[] {
  const out: FieldDiff[] = [];
  const push = (path: string, a: number | string, b: number | string) => {
    if (a !== b) out.push({ field: snakeCasePath(path), before: a, after: b });
  };
  for (const key of SCALARS) push(key, before[key], after[key]);
  for (const band of HSL_BANDS) for (const key of HSL_KEYS) push(`hsl.${band}.${key}`, before.hsl[band][key], after.hsl[band][key]);
  for (const key of SPLIT_KEYS) push(`splitToning.${key}`, before.splitToning[key], after.splitToning[key]);
  for (const wheel of WHEELS) for (const key of WHEEL_KEYS) push(`liftGammaGain.${wheel}.${key}`, before.liftGammaGain[wheel][key], after.liftGammaGain[wheel][key]);
  for (const curve of CURVES) push(`toneCurve.${curve}`, curveText(before.toneCurve[curve]), curveText(after.toneCurve[curve]));
  return out;
}

/** "temperature 0 → 20, tint 0 → -5" (at most `limit` fields, then "and N more"). */
export function describeDiffs(diffs: readonly FieldDiff[], limit = 6): string {
  const shown = diffs.slice(0, limit).map((d) => `${d.field} ${d.before} → ${d.after}`);
  if (diffs.length > limit) shown.push(`and ${diffs.length - limit} more`);
  return shown.join(', ');
}
