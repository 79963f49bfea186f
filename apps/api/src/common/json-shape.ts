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
 * Longest array, and most values in all, a request may carry. The largest legitimate
 * bodies are a video upload's part list (≤ 10,000 parts of two fields each) and batch
 * id lists; class-transformer walks every value of a body, unknown fields included, so
 * a 1.4 MB array of 200,000 numbers cost ≈ 0.7 s of event loop before its 400.
 */
export const MAX_JSON_ARRAY_LENGTH = 10_000;
export const MAX_JSON_VALUES = 50_000;

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | null;
  key: string;
  inArray: boolean;
}

/** A value's path (`a.b[3].c`), built only for the error that names it. */
function pathOf(visit: Visit, root: string): string {
  const parts: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) parts.push(at.inArray ? `[${at.key}]` : `.${at.key}`);
  const joined = root + parts.reverse().join('');
  return joined.startsWith('.') ? joined.slice(1) : joined;
}

function tooLarge(path: string, message: string, limit: number): DomainError {
  return DomainError.validation('Request JSON is too large', [{ field: path || undefined, message, limit }]);
}

/**
 * Throws a 400 when a parsed JSON value (a body, or a query object) nests deeper than
 * MAX_JSON_DEPTH, has an array longer than MAX_JSON_ARRAY_LENGTH or more than
 * MAX_JSON_VALUES values, has a prototype key anywhere, or a string with a NUL
 * character. Iterative, so the check itself cannot overflow the stack whatever it is
 * given; it runs before any transform.
 */
export function assertSafeJsonShape(value: unknown, root = ''): void {
  const stack: Visit[] = [{ value, depth: 0, parent: null, key: '', inArray: false }];
  let values = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (++values > MAX_JSON_VALUES) throw tooLarge(root, `a request holds at most ${MAX_JSON_VALUES} values`, MAX_JSON_VALUES);
    if (typeof item.value === 'string' && hasNul(item.value)) throw nulCharacter(pathOf(item, root));
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_JSON_DEPTH) {
      throw DomainError.validation(`Request JSON nests deeper than ${MAX_JSON_DEPTH} levels`, [
        { field: pathOf(item, root) || undefined, message: `nesting is limited to ${MAX_JSON_DEPTH} levels`, limit: MAX_JSON_DEPTH },
      ]);
    }
    const isArray = Array.isArray(item.value);
    const keys = Object.keys(item.value);
    if (isArray && keys.length > MAX_JSON_ARRAY_LENGTH) throw tooLarge(pathOf(item, root), `an array holds at most ${MAX_JSON_ARRAY_LENGTH} items`, MAX_JSON_ARRAY_LENGTH);
    for (const key of keys) {
      const child: Visit = { value: (item.value as Record<string, unknown>)[key], depth: item.depth + 1, parent: item, key, inArray: isArray };
      if (!isArray && (FORBIDDEN_KEYS.has(key) || hasNul(key))) throw unknownField(pathOf(child, root));
      stack.push(child);
    }
  }
}
