import {
  ColorGradeValues,
  CurvePoint,
  GRADE_RANGES,
  GradeValuesPatch,
  HSL_BANDS,
  MAX_CURVE_POINTS,
  neutralGradeValues,
} from './grade-values.model';
import { mergeGradeValues } from './grade-values.merge';
import { ValidationProblem, ValidationResult, checkKeys, checkNumber, isPlainObject } from './validation.model';

const SCALARS = ['exposure', 'contrast', 'highlights', 'shadows', 'whites', 'blacks', 'temperature', 'tint', 'vibrance', 'saturation', 'fade'] as const;
const TOP_KEYS = [...SCALARS, 'hsl', 'toneCurve', 'liftGammaGain', 'splitToning'] as const;
const HSL_KEYS = ['hue', 'saturation', 'luminance'] as const;
const CURVE_KEYS = ['master', 'red', 'green', 'blue'] as const;
const WHEEL_KEYS = ['master', 'red', 'green', 'blue'] as const;
const SPLIT_KEYS = ['highlightHue', 'highlightSaturation', 'shadowHue', 'shadowSaturation', 'balance'] as const;

/**
 * Validate a (partial) ColorGradeValues coming from JSON. Unknown fields,
 * wrong types, out-of-range numbers and non-monotone curves are all reported
 * (every problem, not the first); a valid input comes back as a complete,
 * normalised object (missing fields take their neutral value; an empty curve
 * becomes the identity [[0,0],[1,1]]). `undefined` is the neutral grade.
 */
export function validateGradeValues(input: unknown): ValidationResult<ColorGradeValues> {
  if (input === undefined) return { ok: true, value: neutralGradeValues() };
  const problems: ValidationProblem[] = [];
  if (!isPlainObject(input)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] };
  checkKeys(input, TOP_KEYS, '', problems);
  const patch: GradeValuesPatch = {};

  for (const key of SCALARS) {
    if (input[key] === undefined) continue;
    const v = checkNumber(input[key], key, GRADE_RANGES[key], problems);
    if (v !== undefined) patch[key] = v;
  }

  const hsl = section(input, 'hsl', HSL_BANDS, problems);
  if (hsl) {
    patch.hsl = {};
    for (const band of HSL_BANDS) {
      const b = section(hsl, band, HSL_KEYS, problems, 'hsl');
      if (!b) continue;
      const out: Record<string, number> = {};
      for (const k of HSL_KEYS) {
        if (b[k] === undefined) continue;
        const v = checkNumber(b[k], `hsl.${band}.${k}`, GRADE_RANGES.hsl, problems);
        if (v !== undefined) out[k] = v;
      }
      patch.hsl[band] = out;
    }
  }

  const curve = section(input, 'toneCurve', CURVE_KEYS, problems);
  if (curve) {
    patch.toneCurve = {};
    for (const ch of CURVE_KEYS) {
      if (curve[ch] === undefined) continue;
      const pts = checkCurve(curve[ch], `toneCurve.${ch}`, problems);
      if (pts) patch.toneCurve[ch] = pts;
    }
  }

  const lgg = section(input, 'liftGammaGain', ['lift', 'gamma', 'gain'], problems);
  if (lgg) {
    patch.liftGammaGain = {};
    for (const wheel of ['lift', 'gamma', 'gain'] as const) {
      const w = section(lgg, wheel, WHEEL_KEYS, problems, 'liftGammaGain');
      if (!w) continue;
      const out: Record<string, number> = {};
      for (const k of WHEEL_KEYS) {
        if (w[k] === undefined) continue;
        const v = checkNumber(w[k], `liftGammaGain.${wheel}.${k}`, GRADE_RANGES[wheel], problems);
        if (v !== undefined) out[k] = v;
      }
      patch.liftGammaGain[wheel] = out;
    }
  }

  const split = section(input, 'splitToning', SPLIT_KEYS, problems);
  if (split) {
    patch.splitToning = {};
    for (const k of SPLIT_KEYS) {
      if (split[k] === undefined) continue;
      const range = k.endsWith('Hue') ? GRADE_RANGES.hue : k === 'balance' ? GRADE_RANGES.balance : GRADE_RANGES.splitSaturation;
      const v = checkNumber(split[k], `splitToning.${k}`, range, problems);
      if (v !== undefined) patch.splitToning[k] = v;
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: mergeGradeValues(neutralGradeValues(), patch) };
}

/** A nested object field: reported when not an object, its unknown keys reported too. */
function section(
  parent: Record<string, unknown>,
  key: string,
  allowed: readonly string[],
  problems: ValidationProblem[],
  prefix = '',
): Record<string, unknown> | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  const field = prefix ? `${prefix}.${key}` : key;
  if (!isPlainObject(v)) {
    problems.push({ field, message: 'must be an object' });
    return undefined;
  }
  checkKeys(v, allowed, field, problems);
  return v;
}

/** A tone curve: 0 or 2..16 [x, y] pairs in [0, 1], x strictly increasing, y non-decreasing. */
function checkCurve(value: unknown, field: string, problems: ValidationProblem[]): CurvePoint[] | undefined {
  if (!Array.isArray(value)) {
    problems.push({ field, message: 'must be an array of [input, output] pairs' });
    return undefined;
  }
  if (value.length === 0) {
    return [
      [0, 0],
      [1, 1],
    ];
  }
  if (value.length < 2 || value.length > MAX_CURVE_POINTS) {
    problems.push({ field, message: `must have 2 to ${MAX_CURVE_POINTS} points (or none for the identity)` });
    return undefined;
  }
  const before = problems.length;
  const pts: CurvePoint[] = [];
  value.forEach((p: unknown, i: number) => {
    const f = `${field}[${i}]`;
    if (!Array.isArray(p) || p.length !== 2) {
      problems.push({ field: f, message: 'must be an [input, output] pair' });
      return;
    }
    const x = checkNumber(p[0], `${f}[0]`, [0, 1], problems);
    const y = checkNumber(p[1], `${f}[1]`, [0, 1], problems);
    if (x !== undefined && y !== undefined) pts.push([x, y]);
  });
  if (problems.length > before) return undefined;
  for (let i = 1; i < pts.length; i++) {
    if (!(pts[i][0] > pts[i - 1][0])) {
      problems.push({ field: `${field}[${i}]`, message: 'inputs must be strictly increasing' });
      return undefined;
    }
    if (pts[i][1] < pts[i - 1][1]) {
      problems.push({ field: `${field}[${i}]`, message: 'outputs must not decrease (the curve must be monotone)' });
      return undefined;
    }
  }
  return pts;
}
