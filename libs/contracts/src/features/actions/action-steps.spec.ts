import { isColorOnlyStep, validateActionSteps, type ActionStep } from './action-steps';

describe('validateActionSteps', () => {
  it('accepts every step type with valid fields', () => {
    const steps: ActionStep[] = [
      { type: 'white_balance', method: 'auto', intensity: 0.8 },
      { type: 'preset', name: 'teal_orange', intensity: 0.5 },
      { type: 'grade', values: { exposure: 0.3, split_toning: { highlight_hue: 40, highlight_saturation: 20 } } },
      { type: 'lut', lut_key: 'u/x/luts/a.cube' },
      { type: 'match', reference_key: 'u/x/images/r.jpg', method: 'smooth', params: { strength: 0.5 } },
      { type: 'film_effects', effects: { grain: { amount: 20 } }, intensity: 0.5, seed: 7 },
      { type: 'look', name: 'blade_runner', color_intensity: 0.7 },
    ];
    const result = validateActionSteps(steps);
    expect(result).toEqual({ ok: true, steps });
    expect(steps.map(isColorOnlyStep)).toEqual([true, true, true, true, true, false, false]);
  });

  it('reports every problem with its path', () => {
    const result = validateActionSteps([
      { type: 'preset', name: 'no_such_preset', intensity: 3 },
      { type: 'grade', values: { exposure: 99, sparkle: 1 } },
      { type: 'film_effects', effects: { grain: { amount: 500 } } },
      { type: 'white_balance', method: 'neutral_point' },
      { type: 'teleport' },
      { type: 'lut', lut_key: 'x', extra: true },
      { type: 'look', name: 'blade_runner', effects_overrides: { vignette: { wobble: 1 } } },
    ]);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'steps[0].intensity',
        'steps[0].name',
        'steps[1].values.exposure',
        'steps[1].values.sparkle',
        'steps[2].effects.grain.amount',
        'steps[3].neutral_x',
        'steps[4].type',
        'steps[5].extra',
      ]),
    );
    expect(fields.some((f) => (f ?? '').startsWith('steps[6].effects_overrides.vignette'))).toBe(true);
  });

  it('rejects unknown and camelCase keys in grade values under their snake_case path', () => {
    const result = validateActionSteps([
      { type: 'preset', name: 'teal_orange' },
      { type: 'grade', values: { toneCurve: { master: [] }, split_toning: { highlightHue: 40 }, lift_gamma_gain: { gain: { red: 9 } } } },
    ]);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.field).sort()).toEqual(['steps[1].values.lift_gamma_gain.gain.red', 'steps[1].values.split_toning.highlightHue', 'steps[1].values.toneCurve']);
    const unknown = problems.find((p) => p.field === 'steps[1].values.toneCurve');
    expect(unknown?.message).toMatch(/^unknown field \(allowed: .*tone_curve/);
    expect(unknown?.message).not.toContain('toneCurve');
    expect(problems.find((p) => p.field === 'steps[1].values.split_toning.highlightHue')?.message).toContain('highlight_hue');
  });

  it('needs 1–20 steps in an array', () => {
    expect(validateActionSteps([])).toMatchObject({ ok: false, problems: [{ field: 'steps', message: 'must have 1 to 20 steps (got 0)' }] });
    expect(validateActionSteps('nope')).toMatchObject({ ok: false });
    expect(validateActionSteps(Array(21).fill({ type: 'preset', name: 'teal_orange' }))).toMatchObject({ ok: false });
  });
});
