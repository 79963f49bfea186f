import { neutralGradeValues } from './grade-values.model';
import { mergeGradeValues } from './grade-values.merge';
import { validateGradeValues } from './grade-values.validate';

const problemsOf = (input: unknown) => {
  const r = validateGradeValues(input);
  return r.ok ? [] : r.problems;
};

describe('validateGradeValues', () => {
  it('completes a partial input with neutral values', () => {
    const r = validateGradeValues({ exposure: 0.5, hsl: { blue: { hue: -20 } }, splitToning: { shadowHue: 200, shadowSaturation: 30 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual(
      mergeGradeValues(neutralGradeValues(), { exposure: 0.5, hsl: { blue: { hue: -20 } }, splitToning: { shadowHue: 200, shadowSaturation: 30 } }),
    );
    expect(r.value.hsl.red).toEqual({ hue: 0, saturation: 0, luminance: 0 });
    expect(validateGradeValues(undefined)).toEqual({ ok: true, value: neutralGradeValues() });
    expect(validateGradeValues({ toneCurve: { master: [] } })).toEqual({ ok: true, value: neutralGradeValues() });
  });

  it('reports every problem with its field path', () => {
    const problems = problemsOf({
      exposure: 9,
      contrast: 'high',
      sharpness: 10,
      hsl: { teal: {}, red: { hue: 200, glow: 1 } },
      toneCurve: { master: [[0, 0], [0.5, 0.8], [0.4, 0.9], [1, 1]], red: [[0, 0.5], [1, 0.2]], alpha: [] },
      liftGammaGain: { gain: { master: -1 } },
      splitToning: { highlightHue: 400, balance: 0 },
      fade: -5,
    });
    const fields = problems.map((p) => p.field).sort();
    expect(fields).toEqual(
      [
        'exposure',
        'contrast',
        'sharpness',
        'hsl.teal',
        'hsl.red.hue',
        'hsl.red.glow',
        'toneCurve.master[2]',
        'toneCurve.red[1]',
        'toneCurve.alpha',
        'liftGammaGain.gain.master',
        'splitToning.highlightHue',
        'fade',
      ].sort(),
    );
    expect(problems.find((p) => p.field === 'exposure')!.message).toMatch(/between -5 and 5/);
    expect(problems.find((p) => p.field === 'toneCurve.red[1]')!.message).toMatch(/monotone/);
  });

  it('rejects non-objects, bad curve shapes and non-finite numbers', () => {
    expect(problemsOf(null)).toHaveLength(1);
    expect(problemsOf([1])).toHaveLength(1);
    expect(problemsOf({ toneCurve: { master: [[0.5, 0.5]] } })[0].field).toBe('toneCurve.master');
    expect(problemsOf({ toneCurve: { master: [[0, 0, 1], [1, 1]] } })[0].field).toBe('toneCurve.master[0]');
    expect(problemsOf({ saturation: NaN })[0].field).toBe('saturation');
    expect(problemsOf({ hsl: 3 })[0].field).toBe('hsl');
  });
});

describe('mergeGradeValues', () => {
  it('overrides field by field and never aliases its inputs', () => {
    const base = mergeGradeValues(neutralGradeValues(), { contrast: 20, hsl: { red: { hue: 10, saturation: 5 } }, liftGammaGain: { gain: { red: 1.1 } } });
    const merged = mergeGradeValues(base, { hsl: { red: { saturation: -30 } }, liftGammaGain: { gain: { blue: 0.9 } }, toneCurve: { green: [[0, 0.1], [1, 1]] } });
    expect(merged.contrast).toBe(20);
    expect(merged.hsl.red).toEqual({ hue: 10, saturation: -30, luminance: 0 });
    expect(merged.liftGammaGain.gain).toEqual({ master: 1, red: 1.1, green: 1, blue: 0.9 });
    expect(merged.toneCurve.green).toEqual([[0, 0.1], [1, 1]]);
    merged.hsl.red.hue = 99;
    merged.toneCurve.master[0][1] = 0.5;
    expect(base.hsl.red.hue).toBe(10);
    expect(base.toneCurve.master[0][1]).toBe(0);
  });
});
