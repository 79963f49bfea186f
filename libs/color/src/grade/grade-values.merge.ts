import { ColorGradeValues, CurvePoint, GradeValuesPatch, HSL_BANDS } from './grade-values.model';

/**
 * Deep-merge a patch onto a complete set of values; returns a new object and
 * never aliases either input. Scalars, hsl band fields, wheel channels and
 * split-toning fields are overridden one by one; a tone-curve channel is
 * replaced as a whole list (points of two curves do not merge meaningfully).
 * No validation here: validate client input first (validateGradeValues).
 */
export function mergeGradeValues(base: ColorGradeValues, override: GradeValuesPatch = {}): ColorGradeValues {
  const out = cloneGradeValues(base);
  for (const key of ['exposure', 'contrast', 'highlights', 'shadows', 'whites', 'blacks', 'temperature', 'tint', 'vibrance', 'saturation', 'fade'] as const) {
    const v = override[key];
    if (v !== undefined) out[key] = v;
  }
  if (override.hsl) {
    for (const band of HSL_BANDS) {
      const b = override.hsl[band];
      if (b) Object.assign(out.hsl[band], definedOnly(b));
    }
  }
  if (override.toneCurve) {
    for (const ch of ['master', 'red', 'green', 'blue'] as const) {
      const c = override.toneCurve[ch];
      if (c) out.toneCurve[ch] = copyCurve(c);
    }
  }
  if (override.liftGammaGain) {
    for (const wheel of ['lift', 'gamma', 'gain'] as const) {
      const w = override.liftGammaGain[wheel];
      if (w) Object.assign(out.liftGammaGain[wheel], definedOnly(w));
    }
  }
  if (override.splitToning) Object.assign(out.splitToning, definedOnly(override.splitToning));
  return out;
}

/** A deep copy (values are plain JSON data). */
export function cloneGradeValues(v: ColorGradeValues): ColorGradeValues {
  const hsl = {} as ColorGradeValues['hsl'];
  for (const band of HSL_BANDS) hsl[band] = { ...v.hsl[band] };
  return {
    ...v,
    hsl,
    toneCurve: {
      master: copyCurve(v.toneCurve.master),
      red: copyCurve(v.toneCurve.red),
      green: copyCurve(v.toneCurve.green),
      blue: copyCurve(v.toneCurve.blue),
    },
    liftGammaGain: {
      lift: { ...v.liftGammaGain.lift },
      gamma: { ...v.liftGammaGain.gamma },
      gain: { ...v.liftGammaGain.gain },
    },
    splitToning: { ...v.splitToning },
  };
}

function copyCurve(c: readonly CurvePoint[]): CurvePoint[] {
  return c.map(([x, y]) => [x, y]);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
