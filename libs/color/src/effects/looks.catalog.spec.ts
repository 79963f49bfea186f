import { applyEffects } from './apply-effects.pipeline';
import { EFFECT_NAMES, STRENGTH_PARAM } from './effects-config.model';
import { validateEffectsConfig } from './effects-config.validate';
import { getFilmEffectPreset, listFilmEffectPresets } from './film-effect-presets.catalog';
import { LOOK_CATEGORIES } from './looks.data';
import { getLook, listLooks, lookPlan, validateLookOptions } from './looks.catalog';
import { validateGradeValues } from '../grade/grade-values.validate';
import { GradeValidationError } from '../grade/validation.model';
import { bakeLut } from '../lut/lut-bake';
import { identityLut } from '../lut/lut3d';
import { sceneImage } from '../test-support/synthetic';

describe('film-effect presets', () => {
  it('has at least 8 uniquely named, documented presets that validate', () => {
    const presets = listFilmEffectPresets();
    expect(presets.length).toBeGreaterThanOrEqual(8);
    expect(new Set(presets.map((p) => p.name)).size).toBe(presets.length);
    for (const p of presets) {
      expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(p.description.length).toBeGreaterThan(20);
      expect(validateEffectsConfig(p.effects)).toEqual({ ok: true, value: p.effects });
      expect(Object.keys(p.effects).length).toBeGreaterThan(0);
    }
    for (const name of ['kodak_portra_grain', 'cinestill_800t_halation', 'super8', 'vhs_soft', 'dreamy_bloom']) expect(getFilmEffectPreset(name)).toBeDefined();
    expect(getFilmEffectPreset('nope')).toBeUndefined();
  });
});

describe('looks', () => {
  const looks = listLooks();

  it('has at least 20 documented looks whose colour and effects both validate', () => {
    expect(looks.length).toBeGreaterThanOrEqual(20);
    expect(new Set(looks.map((l) => l.name)).size).toBe(looks.length);
    for (const l of looks) {
      expect(l.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(l.description.length).toBeGreaterThan(20);
      expect(LOOK_CATEGORIES).toContain(l.category);
      expect(validateGradeValues(l.color)).toEqual({ ok: true, value: l.color });
      expect(validateEffectsConfig(l.effects)).toEqual({ ok: true, value: l.effects });
    }
    const names = looks.map((l) => l.name);
    for (const n of ['blade_runner', 'mad_max', 'matrix', 'amelie', 'wes_anderson', 'la_la_land', 'moonlight', 'joker', 'dune', 'sin_city', 'grand_budapest', 'drive', 'her', 'interstellar', 'the_revenant', 'mr_robot', 'euphoria', 'stranger_things']) {
      expect(names).toContain(n);
    }
  });

  it('every look’s colour part is distinct', () => {
    const luts = looks.map((l) => bakeLut(lookPlan(l.name)!.colorTransform, 7).data);
    for (let i = 0; i < luts.length; i++) {
      for (let j = i + 1; j < luts.length; j++) {
        const d = luts[i].reduce((m, v, k) => Math.max(m, Math.abs(v - luts[j][k])), 0);
        expect({ pair: `${looks[i].name}/${looks[j].name}`, distinct: d > 0.03 }).toEqual({ pair: `${looks[i].name}/${looks[j].name}`, distinct: true });
      }
    }
  });

  it('lookPlan scales colour and effects separately, merges overrides, and intensity 0 is the identity', () => {
    const full = lookPlan('blade_runner')!;
    expect(full.effects).toEqual(getLook('blade_runner')!.effects);
    const none = lookPlan('blade_runner', { intensity: 0 })!;
    expect(bakeLut(none.colorTransform, 9).data).toEqual(identityLut(9).data);
    for (const name of EFFECT_NAMES) {
      const p = none.effects[name] as Record<string, number> | undefined;
      if (p) expect(p[STRENGTH_PARAM[name]]).toBe(0);
    }
    const img = sceneImage(32, 24, 1);
    expect(applyEffects(img, none.effects).data).toEqual(img.data);

    const half = lookPlan('blade_runner', { colorIntensity: 0, effectsIntensity: 0.5, effectsOverrides: { grain: { amount: 40 }, fade: { amount: 10 } } })!;
    expect(bakeLut(half.colorTransform, 9).data).toEqual(identityLut(9).data);
    expect(half.effects.grain!.amount).toBe(20);
    expect(half.effects.grain!.size).toBe(30);
    expect(half.effects.fade).toEqual({ amount: 5 });
    expect(half.effects.bloom!.strength).toBeCloseTo(17.5, 10);
    expect(lookPlan('not_a_look')).toBeUndefined();
  });

  it('rejects unknown effect names and params in overrides, and out-of-range intensities', () => {
    const r = validateLookOptions({ intensity: 2, effectsOverrides: { grain: { sparkle: 1 }, lens_flare: {} }, extra: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['effectsOverrides.grain.sparkle', 'effectsOverrides.lens_flare', 'extra', 'intensity']);
    expect(() => lookPlan('drive', { effectsOverrides: { grain: { size: 500 } } })).toThrow(GradeValidationError);
    try {
      lookPlan('drive', { effectsOverrides: { grain: { size: 500 } } });
    } catch (e) {
      expect((e as GradeValidationError).problems[0].field).toBe('effectsOverrides.grain.size');
    }
  });
});
