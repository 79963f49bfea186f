import { DomainError } from '@gradekit/contracts';

/**
 * Deepest nesting a request body may have. The deepest DTO is a handful of levels;
 * class-transformer and class-validator recurse once per level, so a body nested a few
 * thousand levels deep (≈ 10 KB) overflowed the stack and answered 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys that name the prototype machinery. JSON.parse makes them plain own properties,
 * but class-transformer drops them silently; they are never a field of any DTO, so
 * they are refused like any other unknown field.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Postgres text and jsonb cannot hold U+0000: such a string reached the database as a 500. */
function hasNul(value: string): boolean {
  return value.includes('\u0000');
}

function nulCharacter(field: string): DomainError {
  return DomainError.validation('Request validation failed', [{ field: field || undefined, message: 'must not contain NUL (U+0000) characters' }]);
}

function unknownField(field: string): DomainError {
  return DomainError.validation('Request validation failed', [{ field, message: `unknown field "${field}"` }]);
}

/**
 * Throws a 400 when a parsed JSON value (a body, or a query object) nests deeper than
 * MAX_JSON_DEPTH, has a prototype key anywhere, or a string with a NUL character. Iterative, so the check itself
 * cannot overflow the stack whatever it is given; it runs before any transform.
 */
export function assertSafeJsonShape(value: unknown, root = ''): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string' && hasNul(item.value)) throw nulCharacter(item.path);
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_JSON_DEPTH) {
      throw DomainError.validation(`Request JSON nests deeper than ${MAX_JSON_DEPTH} levels`, [
        { field: item.path || undefined, message: `nesting is limited to ${MAX_JSON_DEPTH} levels`, limit: MAX_JSON_DEPTH },
      ]);
    }
    const isArray = Array.isArray(item.value);
    for (const key of Object.keys(item.value)) {
      const path = isArray ? `${item.path}[${key}]` : item.path ? `${item.path}.${key}` : key;
      if (!isArray && (FORBIDDEN_KEYS.has(key) || hasNul(key))) throw unknownField(path);
      stack.push({ value: (item.value as Record<string, unknown>)[key], path, depth: item.depth + 1 });
    }
  }
}
