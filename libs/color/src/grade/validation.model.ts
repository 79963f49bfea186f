/**
 * The shape every validator of this lib returns. `field` is a dotted camelCase
 * path into the input (`hsl.red.hue`, `toneCurve.master[2]`,
 * `grain.size`); the API maps it to snake_case and returns the list as the
 * `details` of a 400.
 */
export interface ValidationProblem {
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

/** Thrown by functions that take already-validated input when it is not (carries the problems). */
export class GradeValidationError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`invalid grading input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'GradeValidationError';
  }
}

/** Small shared checks for the validators (plain-JSON inputs). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Check a number in [min, max]; pushes a problem and returns undefined when it
 * is not a finite number in range.
 */
export function checkNumber(
  value: unknown,
  field: string,
  range: readonly [number, number],
  problems: ValidationProblem[],
): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ field, message: 'must be a finite number' });
    return undefined;
  }
  if (value < range[0] || value > range[1]) {
    problems.push({ field, message: `must be between ${range[0]} and ${range[1]} (got ${value})` });
    return undefined;
  }
  return value;
}

/** Report keys of `obj` that are not in `allowed` (unknown fields are rejected, never ignored). */
export function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], prefix: string, problems: ValidationProblem[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      problems.push({ field: prefix ? `${prefix}.${key}` : key, message: `unknown field (allowed: ${allowed.join(', ')})` });
    }
  }
}
