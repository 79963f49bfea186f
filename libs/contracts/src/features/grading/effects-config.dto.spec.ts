import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EFFECT_NAMES, EFFECT_PARAMS } from '@gradekit/color';
import { EFFECT_DOCS, EffectsConfigDto, PUBLIC_EFFECT_NAMES } from './effects-config.dto';

function problems(plain: unknown): string[] {
  const flatten = (errors: ValidationError[], parent = ''): string[] =>
    errors.flatMap((e) => {
      const field = parent ? `${parent}.${e.property}` : e.property;
      return [...(e.constraints ? [field] : []), ...flatten(e.children ?? [], field)];
    });
  return [...new Set(flatten(validateSync(plainToInstance(EffectsConfigDto, plain) as object, { whitelist: true, forbidNonWhitelisted: true })))].sort();
}

type Table = Record<string, { range: readonly [number, number]; default: number }>;

describe('EffectsConfigDto mirrors the engine’s EFFECT_PARAMS', () => {
  it('accepts every engine effect with every parameter at its default and at both ends of its range', () => {
    for (const pick of ['default', 'min', 'max'] as const) {
      const plain: Record<string, Record<string, number>> = {};
      for (const name of EFFECT_NAMES) {
        plain[PUBLIC_EFFECT_NAMES[name]] = Object.fromEntries(
          Object.entries(EFFECT_PARAMS[name] as Table).map(([param, spec]) => [param, pick === 'default' ? spec.default : spec.range[pick === 'min' ? 0 : 1]]),
        );
      }
      expect(problems(plain)).toEqual([]);
    }
  });

  it('refuses each parameter just outside its range, with its API path', () => {
    for (const name of EFFECT_NAMES) {
      for (const [param, spec] of Object.entries(EFFECT_PARAMS[name] as Table)) {
        const api = PUBLIC_EFFECT_NAMES[name];
        const span = spec.range[1] - spec.range[0];
        expect(problems({ [api]: { [param]: spec.range[1] + span / 100 } })).toEqual([`${api}.${param}`]);
        expect(problems({ [api]: { [param]: spec.range[0] - span / 100 } })).toEqual([`${api}.${param}`]);
      }
    }
  });

  it('refuses unknown effects and parameters, null and non-numbers', () => {
    expect(problems({ sparkle: {}, grain: { shimmer: 1, amount: null, size: '5' }, vignette: [] })).toEqual(['grain.amount', 'grain.shimmer', 'grain.size', 'sparkle', 'vignette']);
  });

  it('documents every parameter', () => {
    for (const name of EFFECT_NAMES) {
      expect(Object.keys(EFFECT_DOCS[name].params).sort()).toEqual(Object.keys(EFFECT_PARAMS[name]).sort());
    }
  });
});
