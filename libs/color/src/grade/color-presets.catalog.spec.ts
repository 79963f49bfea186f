import { PRESET_CATEGORIES } from './color-presets.data';
import { getPreset, listPresets, presetTransform } from './color-presets.catalog';
import { validateGradeValues } from './grade-values.validate';
import { bakeLut } from '../lut/lut-bake';
import { identityLut } from '../lut/lut3d';

describe('colour presets', () => {
  const presets = listPresets();

  it('has at least 25 uniquely named, documented, valid presets', () => {
    expect(presets.length).toBeGreaterThanOrEqual(25);
    expect(new Set(presets.map((p) => p.name)).size).toBe(presets.length);
    for (const p of presets) {
      expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(p.displayName.length).toBeGreaterThan(2);
      expect(p.description.length).toBeGreaterThan(20);
      expect(PRESET_CATEGORIES).toContain(p.category);
      expect(validateGradeValues(p.values)).toEqual({ ok: true, value: p.values });
    }
    for (const name of ['cinematic_warm', 'teal_orange', 'moody_blue', 'bleach_bypass', 'vintage_fade']) expect(getPreset(name)).toBeDefined();
    expect(new Set(presets.map((p) => p.category)).size).toBeGreaterThanOrEqual(6);
  });

  it('every preset is visibly distinct from every other and from the identity', () => {
    const luts = presets.map((p) => bakeLut(presetTransform(p.name)!, 9).data);
    const id = identityLut(9).data;
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    luts.forEach((lut, i) => {
      expect(maxDiff(lut, id)).toBeGreaterThan(0.05);
      for (let j = i + 1; j < luts.length; j++) {
        expect({ pair: `${presets[i].name}/${presets[j].name}`, diff: maxDiff(lut, luts[j]) > 0.03 }).toEqual({
          pair: `${presets[i].name}/${presets[j].name}`,
          diff: true,
        });
      }
    });
  });

  it('intensity 0 is the identity; unknown names are undefined; getPreset returns copies', () => {
    expect(bakeLut(presetTransform('teal_orange', 0)!, 9).data).toEqual(identityLut(9).data);
    expect(presetTransform('nope')).toBeUndefined();
    expect(getPreset('nope')).toBeUndefined();
    const p = getPreset('noir')!;
    p.values.saturation = 0;
    expect(getPreset('noir')!.values.saturation).toBe(-100);
  });
});
