import { createHash } from 'node:crypto';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, from, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { Prisma } from '@prisma/client';
import type { ApiConfig } from '@gradekit/config';
import { DomainError, ERROR_STATUS } from '@gradekit/contracts';
import { IdempotencyRepository } from '@gradekit/db';
import { API_CONFIG } from '../config/api-config.provider';
import type { GradekitRequest } from '../common/request-context';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on paid POSTs: the first request with a key runs and its
 * response (success or 4xx) is stored for the TTL; a retry with the same key and
 * body gets that response again (`Idempotent-Replayed: true`) and is not charged;
 * the same key with a different body, or while the first is still running, is a 409.
 * A 5xx releases the key so the client can retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<GradekitRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined || !req.principal) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      return throwError(() => DomainError.validation('Idempotency-Key must be 1–255 printable ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]));
    }
    const userId = req.principal.user.id;
    const hash = createHash('sha256')
      .update(`${req.method} ${req.path}\n${req.header('x-sandbox') ?? ''}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const expiresAt = new Date(Date.now() + this.config.idempotencyTtlSeconds * 1000);

    return from(this.records.claim(userId, key, hash, expiresAt)).pipe(
      mergeMap((claim) => {
        if (!claim.claimed) {
          const record = claim.record;
          if (record.requestHash !== hash) {
            throw new DomainError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request', [{ field: 'Idempotency-Key', message: 'reuse a key only to retry the identical request' }]);
          }
          if (record.responseStatus === null) {
            throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still being processed', [{ field: 'Idempotency-Key', message: 'retry after it finishes' }]);
          }
          res.status(record.responseStatus);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(record.responseBody);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.records.complete(userId, key, res.statusCode, (body ?? null) as Prisma.InputJsonValue)).pipe(mergeMap(() => of(body)))),
          catchError((error: unknown) => {
            const status = error instanceof DomainError ? ERROR_STATUS[error.code] : 500;
            const settle =
              status < 500 && error instanceof DomainError
                ? this.records.complete(userId, key, status, error.toJSON() as unknown as Prisma.InputJsonValue)
                : this.records.release(userId, key);
            return from(settle).pipe(mergeMap(() => throwError(() => error)));
          }),
        );
      }),
    );
  }
}
