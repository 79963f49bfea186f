import { listLooks, listPresets } from '@gradekit/color';
import { camelCaseKeys, snakeCaseKeys, snakeCasePath } from './key-case';

describe('key casing between the engine and the API', () => {
  it('renames keys at every depth and leaves values (curve points included) alone', () => {
    const engine = { toneCurve: { master: [[0, 0.1], [1, 0.9]] }, splitToning: { highlightHue: 40 }, chromaticAberration: { amount: 0.002 }, fade: 3 };
    const api = snakeCaseKeys(engine);
    expect(api).toEqual({ tone_curve: { master: [[0, 0.1], [1, 0.9]] }, split_toning: { highlight_hue: 40 }, chromatic_aberration: { amount: 0.002 }, fade: 3 });
    expect(camelCaseKeys(api)).toEqual(engine);
    expect(api).not.toBe(engine);
  });

  it('round-trips every built-in preset and look exactly', () => {
    for (const preset of listPresets()) expect(camelCaseKeys(snakeCaseKeys(preset.values))).toEqual(preset.values);
    for (const look of listLooks()) {
      expect(camelCaseKeys(snakeCaseKeys(look.color))).toEqual(look.color);
      expect(camelCaseKeys(snakeCaseKeys(look.effects))).toEqual(look.effects);
    }
  });

  it('maps dotted field paths', () => {
    expect(snakeCasePath('effectsOverrides.chromaticAberration.amount')).toBe('effects_overrides.chromatic_aberration.amount');
    expect(snakeCasePath('grain.size')).toBe('grain.size');
  });
});
