import { UnrecoverableError } from 'bullmq';
import { DomainError } from '@gradekit/contracts';
import { FINAL_ERROR_CODES, classifyJobError, internalTaskError, isLastAttempt } from './job-error.classifier';

describe('job error classification', () => {
  it.each(['INVALID_IMAGE', 'INVALID_VIDEO', 'VIDEO_TOO_LONG', 'VIDEO_TOO_LARGE', 'INSUFFICIENT_CREDITS', 'UNSUPPORTED_MEDIA_TYPE', 'IMAGE_TOO_LARGE', 'VALIDATION_ERROR', 'NOT_FOUND', 'UNPROCESSABLE', 'PAYLOAD_TOO_LARGE'] as const)(
    'treats %s as final and keeps its message and details for the owner',
    (code) => {
      const verdict = classifyJobError(new DomainError(code, 'what is wrong', [{ field: 'image', message: 'detail' }]));
      expect(verdict).toEqual({ kind: 'final', error: { code, message: 'what is wrong', details: [{ field: 'image', message: 'detail' }] } });
    },
  );

  it.each(['INTERNAL', 'SERVICE_UNAVAILABLE', 'TIMEOUT', 'CONFLICT'] as const)('retries domain errors with code %s', (code) => {
    expect(classifyJobError(new DomainError(code, 'try later'))).toEqual({ kind: 'retryable' });
  });

  it('retries anything that is not a domain error (I/O, bugs, thrown strings)', () => {
    expect(classifyJobError(new Error('ECONNRESET'))).toEqual({ kind: 'retryable' });
    expect(classifyJobError(new TypeError('x is undefined'))).toEqual({ kind: 'retryable' });
    expect(classifyJobError('boom')).toEqual({ kind: 'retryable' });
    expect(classifyJobError(undefined)).toEqual({ kind: 'retryable' });
  });

  it('treats an UnrecoverableError as final but hides its internal message', () => {
    const verdict = classifyJobError(new UnrecoverableError('segfault in /opt/secret/lib.so'));
    expect(verdict.kind).toBe('final');
    expect(verdict.kind === 'final' && verdict.error.code).toBe('INTERNAL');
    expect(JSON.stringify(verdict)).not.toContain('secret');
  });

  it('has exactly the input codes in the final set', () => {
    expect([...FINAL_ERROR_CODES].sort()).toEqual(
      ['IMAGE_TOO_LARGE', 'INSUFFICIENT_CREDITS', 'INVALID_IMAGE', 'INVALID_VIDEO', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNPROCESSABLE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_ERROR', 'VIDEO_TOO_LARGE', 'VIDEO_TOO_LONG'],
    );
  });

  it('knows the last attempt from attemptsMade (failed attempts so far) and the job attempts', () => {
    expect(isLastAttempt(0, 3)).toBe(false);
    expect(isLastAttempt(1, 3)).toBe(false);
    expect(isLastAttempt(2, 3)).toBe(true);
    expect(isLastAttempt(0, 1)).toBe(true);
    expect(isLastAttempt(0, undefined)).toBe(true);
    expect(isLastAttempt(5, 3)).toBe(true);
  });

  it('gives failed tasks a safe internal error without stack or internals', () => {
    expect(internalTaskError(3)).toEqual({ code: 'INTERNAL', message: 'The operation could not be completed after 3 attempts; any credits it cost were refunded.', details: [] });
    expect(internalTaskError(1).message).toBe('The operation could not be completed; any credits it cost were refunded.');
  });
});
