import type { ErrorCode } from './error-codes';

/** One item of an error's `details`: which field (if any) and what is wrong with it. */
export interface ErrorDetail {
  field?: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * The one error type domain code throws. It carries a machine code (mapped to an
 * HTTP status by the api's filter) and optional details. It is plain data so it can
 * also be stored on a failed Task and sent across the queue.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }

  static validation(message: string, details: ErrorDetail[] = []): DomainError {
    return new DomainError('VALIDATION_ERROR', message, details);
  }

  toJSON(): { error: string; code: ErrorCode; details: ErrorDetail[] } {
    return { error: this.message, code: this.code, details: this.details };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
