import { UnrecoverableError } from 'bullmq';
import { isDomainError, type ErrorCode, type ErrorDetail } from '@gradekit/contracts';

/** What a failed task stores in `Task.error` and shows its owner: no stack, no internals. */
export interface TaskErrorJson {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

/**
 * Codes that describe the input or the request, not the moment: running the same
 * task again gives the same answer, so the task is failed and refunded at once
 * instead of burning its retries.
 */
export const FINAL_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_IMAGE',
  'INVALID_VIDEO',
  'VIDEO_TOO_LONG',
  'VIDEO_TOO_LARGE',
  'INSUFFICIENT_CREDITS',
  'UNSUPPORTED_MEDIA_TYPE',
  'IMAGE_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'UNPROCESSABLE',
]);

export type ErrorVerdict =
  /** Final: fail and refund now, then stop BullMQ retrying (UnrecoverableError). */
  | { kind: 'final'; error: TaskErrorJson }
  /** May pass on another try: rethrow for BullMQ; fail and refund only after the last attempt. */
  | { kind: 'retryable' };

export function classifyJobError(error: unknown): ErrorVerdict {
  if (isDomainError(error) && FINAL_ERROR_CODES.has(error.code)) {
    return { kind: 'final', error: { code: error.code, message: error.message, details: error.details } };
  }
  // A handler that says "never retry this" without a domain code: final, but its
  // message is internal, so the owner sees the generic one.
  if (error instanceof UnrecoverableError) return { kind: 'final', error: internalTaskError() };
  return { kind: 'retryable' };
}

/** True when the attempt now running (attemptsMade + 1) is the job's last one. */
export function isLastAttempt(attemptsMade: number, attempts: number | undefined): boolean {
  return attemptsMade + 1 >= Math.max(1, attempts ?? 1);
}

/** The error a task keeps when it failed for reasons of ours (safe for users: no stack, no internals). */
export function internalTaskError(attempts?: number): TaskErrorJson {
  const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  return { code: 'INTERNAL', message: `The operation could not be completed${tries}; any credits it cost were refunded.`, details: [] };
}

/** A one-line description for logs (never for users). */
export function errorSummary(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
