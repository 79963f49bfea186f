import { getPreset, neutralGradeValues } from '@gradekit/color';
import { gradePatchFromSnake, gradeValuesFromSnake, gradeValuesToSnake } from './grade-values.casing';

describe('snake_case grade values (the API spelling)', () => {
  it('round-trips every preset', () => {
    const teal = getPreset('teal_orange')!.values;
    const snake = gradeValuesToSnake(teal);
    expect(snake.split_toning).toEqual({ highlight_hue: 32, highlight_saturation: 35, shadow_hue: 190, shadow_saturation: 40, balance: 0 });
    expect(snake.lift_gamma_gain.gain.red).toBe(1.03);
    expect(Object.keys(snake)).toContain('tone_curve');
    expect(gradeValuesFromSnake(JSON.parse(JSON.stringify(snake)))).toEqual({ ok: true, value: teal });
  });

  it('completes a partial object with neutral values', () => {
    const result = gradeValuesFromSnake({ temperature: 12, split_toning: { shadow_hue: 200, shadow_saturation: 10 } });
    expect(result.ok && result.value).toEqual({ ...neutralGradeValues(), temperature: 12, splitToning: { ...neutralGradeValues().splitToning, shadowHue: 200, shadowSaturation: 10 } });
  });

  it('reports every problem with a dotted snake_case path under the prefix', () => {
    const result = gradeValuesFromSnake(
      {
        exposure: 9,
        hsl: { red: { hue: 'x' }, pink: {} },
        split_toning: { shadow_hue: 400 },
        tone_curve: { master: [[0, 0.5], [0.5, 0.2]] },
        toneCurve: {},
        lift_gamma_gain: { gain: { red: -1 } },
        sparkle: true,
      },
      'current_values',
    );
    expect(result.ok).toBe(false);
    const fields = !result.ok ? result.problems.map((p) => p.field).sort() : [];
    expect(fields).toEqual([
      'current_values.exposure',
      'current_values.hsl.pink',
      'current_values.hsl.red.hue',
      'current_values.lift_gamma_gain.gain.red',
      'current_values.sparkle',
      'current_values.split_toning.shadow_hue',
      'current_values.toneCurve',
      'current_values.tone_curve.master[1]',
    ]);
    const unknown = !result.ok ? result.problems.find((p) => p.field === 'current_values.toneCurve') : undefined;
    expect(unknown?.message).toContain('tone_curve');
    expect(unknown?.message).not.toContain('toneCurve');
  });

  it('refuses what is not an object', () => {
    expect(gradeValuesFromSnake([1, 2], 'current_values')).toEqual({ ok: false, problems: [{ field: 'current_values', message: 'must be an object' }] });
  });

  it('gives the patch (only what was named, engine spelling) for merging', () => {
    expect(gradePatchFromSnake({ contrast: 10, split_toning: { balance: 5 } })).toEqual({ ok: true, value: { contrast: 10, splitToning: { balance: 5 } } });
  });
});
