import { DomainError } from '@gradekit/contracts';

/**
 * Readers for task params the api stored (already validated by its DTOs). A value
 * of the wrong kind means the task was not written by the api: a VALIDATION_ERROR
 * (final, refunded), never a silent default.
 */
export function numberParam(params: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const value = params[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw DomainError.validation(`${key} must be a number`, [{ field: key, message: 'must be a number' }]);
  return value;
}

export function stringParam(params: Readonly<Record<string, unknown>>, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value.length === 0) throw DomainError.validation(`${key} is missing`, [{ field: key, message: 'must be a name' }]);
  return value;
}

export function objectParam(params: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const value = params[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw DomainError.validation(`${key} must be an object`, [{ field: key, message: 'must be an object' }]);
  return value as Record<string, unknown>;
}
