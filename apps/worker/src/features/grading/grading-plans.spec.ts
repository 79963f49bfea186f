import { DomainError } from '@gradekit/contracts';
import { effectsSeedOf } from './effects-seed';
import { filmEffectsPlan } from './film-effects.plan';
import { lookRenderPlan } from './look.plan';
import { GRADING_LUT_SIZE, presetLut } from './preset-lut';

function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('effectsSeedOf', () => {
  it('is a 32-bit hash of the task id, stable, and different for different ids', () => {
    const a = effectsSeedOf({ id: '3f0c1d2e-0000-4000-8000-000000000001', params: {} });
    expect(a).toBe(effectsSeedOf({ id: '3f0c1d2e-0000-4000-8000-000000000001', params: {} }));
    expect(a).not.toBe(effectsSeedOf({ id: '3f0c1d2e-0000-4000-8000-000000000002', params: {} }));
    expect(Number.isInteger(a) && a >= 0 && a <= 0xffffffff).toBe(true);
    // FNV-1a of "a" — a known value pins the algorithm (seeds must not change across releases).
    expect(effectsSeedOf({ id: 'a', params: {} })).toBe(0xe40c292c);
  });

  it('uses the caller’s seed when given', () => {
    expect(effectsSeedOf({ id: 'x', params: { seed: 0 } })).toBe(0);
    expect(effectsSeedOf({ id: 'x', params: { seed: 4294967295 } })).toBe(4294967295);
  });
});

describe('filmEffectsPlan', () => {
  it('merges snake_case overrides onto the preset and scales strengths', () => {
    const plan = filmEffectsPlan({ preset: 'super8', effects: { chromatic_aberration: { amount: 0.004 }, bloom: { strength: 50 } }, intensity: 0.5 });
    expect(plan.effects.chromaticAberration).toEqual({ amount: 0.002 });
    expect(plan.effects.bloom).toEqual({ strength: 25, threshold: 0.7, radius: 0.015 });
    expect(plan.effects.grain).toEqual({ amount: 27.5, size: 70, roughness: 60, color: 40 });
    expect(filmEffectsPlan({ preset: null, effects: { fade: {} } }).effects).toEqual({ fade: { amount: 20 } });
  });

  it('refuses unknown presets (NOT_FOUND) and invalid effects (VALIDATION_ERROR with API paths)', () => {
    expect(domainError(() => filmEffectsPlan({ preset: 'nope', effects: {} })).code).toBe('NOT_FOUND');
    const invalid = domainError(() => filmEffectsPlan({ preset: null, effects: { chromatic_aberration: { amount: 1 } } }));
    expect(invalid.code).toBe('VALIDATION_ERROR');
    expect(invalid.details.map((d) => d.field)).toEqual(['effects.chromatic_aberration.amount']);
  });
});

describe('lookRenderPlan and presetLut', () => {
  it('bakes the look’s colour at 33³ and scales its effects', () => {
    const plan = lookRenderPlan({ look: 'blade_runner', intensity: 0.5, effects_intensity: 0.5, effects_overrides: { vignette: { amount: 80 } } });
    expect(plan.lut.size).toBe(GRADING_LUT_SIZE);
    expect(plan.effects.vignette?.amount).toBe(20);
    const overrides = domainError(() => lookRenderPlan({ look: 'blade_runner', effects_overrides: { vignette: { size: 1 } } }));
    expect(overrides.details.map((d) => d.field)).toEqual(['effects_overrides.vignette.size']);
    expect(domainError(() => lookRenderPlan({ look: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('bakes presets at the requested size; intensity 0 is the identity LUT', () => {
    expect(presetLut('noir', 1, 17).size).toBe(17);
    const identity = presetLut('noir', 0, 5);
    const expected = Float32Array.from({ length: 5 ** 3 * 3 }, (_, i) => {
      const node = Math.floor(i / 3);
      const coords = [node % 5, Math.floor(node / 5) % 5, Math.floor(node / 25)];
      return coords[i % 3] / 4;
    });
    expect(Array.from(identity.data)).toEqual(Array.from(expected));
    expect(domainError(() => presetLut('nope', 1)).code).toBe('NOT_FOUND');
  });
});
