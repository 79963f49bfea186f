/**
 * Key casing between the colour engine (camelCase: `toneCurve`, `chromaticAberration`)
 * and the public API (snake_case: `tone_curve`, `chromatic_aberration`). Only object
 * KEYS change, recursively; values (numbers, strings, arrays such as curve points)
 * are copied as they are, so the two directions are exact inverses for the engine's
 * key style (lower camelCase words, no digits after an underscore).
 */
/** A camelCase name in snake_case, at the type level (`highlightHue` → `highlight_hue`). */
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** `T` with every object key snake_cased, recursively (arrays and values as they are): the type snakeCaseKeys returns. */
export type SnakeCasedKeys<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeCase<K> : K]: SnakeCasedKeys<T[K]> }
    : T;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const toSnake = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const toCamel = (key: string): string => key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

function mapKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[rename(key)] = mapKeys(item, rename);
  return out;
}

/** A deep copy of `value` with every object key in snake_case (`splitToning.highlightHue` → `split_toning.highlight_hue`). */
export function snakeCaseKeys<T = Record<string, Json>>(value: unknown): T {
  return mapKeys(value, toSnake) as T;
}

/** A deep copy of `value` with every object key in camelCase (`chromatic_aberration` → `chromaticAberration`). */
export function camelCaseKeys<T = Record<string, unknown>>(value: unknown): T {
  return mapKeys(value, toCamel) as T;
}

/** One key or dotted field path in snake_case (`effectsOverrides.chromaticAberration.amount` → `effects_overrides.chromatic_aberration.amount`). */
export function snakeCasePath(path: string): string {
  return toSnake(path);
}
