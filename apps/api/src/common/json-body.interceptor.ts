import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import express, { type Request, type Response } from 'express';
import { from, type Observable } from 'rxjs';
import { mergeMap } from 'rxjs/operators';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { API_CONFIG } from '../config/api-config.provider';
import { assertSafeJsonShape } from './json-shape';
import { STREAMS_BODY } from './streams-body.decorator';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** Body-parser failures as domain errors, so they answer in the API's error format. */
function toDomainError(error: unknown, limit: number): unknown {
  switch ((error as BodyParserError)?.type) {
    case 'entity.parse.failed':
      return new DomainError('INVALID_JSON', 'Request body is not valid JSON');
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`, [
        { message: 'Upload large files with POST /api/v1/storage/presign instead', limit },
      ]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body encoding');
    case 'request.aborted':
      return DomainError.validation('Request body was cut off before its declared length');
    default: {
      // Other body-parser refusals (a gzip body that does not inflate, a length mismatch) carry a 4xx status.
      const status = (error as BodyParserError)?.status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return DomainError.validation(`Request body could not be read: ${(error as BodyParserError).message ?? 'malformed'}`);
      }
      return error;
    }
  }
}

/** A non-empty body (chunked, or a Content-Length above 0) that is not sent as application/json. */
function hasNonJsonBody(req: Request): boolean {
  const length = Number(req.header('content-length') ?? 0);
  const hasBody = req.header('transfer-encoding') !== undefined || (Number.isFinite(length) && length > 0);
  const type = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return hasBody && type !== 'application/json';
}

/**
 * Reads the JSON body as the first global interceptor, i.e. after the guards: a request
 * without valid credentials (or over its rate limit) is refused from its headers alone,
 * before up to MAX_BODY_BYTES are read and parsed. The parsed body (and the query) is
 * checked for depth and prototype keys before any pipe transforms it. A body of another
 * type is a 415 (it would otherwise be ignored and the DTO's defaults used), except on
 * routes marked @StreamsBody(), which read it themselves.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly parse: ReturnType<typeof express.json>;
  private readonly limit: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.limit = config.maxBodyBytes;
    this.parse = express.json({ limit: config.maxBodyBytes, strict: true });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const streams = this.reflector.getAllAndOverride<boolean>(STREAMS_BODY, [context.getHandler(), context.getClass()]) === true;
    return from(this.read(req, res, streams)).pipe(mergeMap(() => next.handle()));
  }

  private async read(req: Request, res: Response, streams: boolean): Promise<void> {
    assertSafeJsonShape(req.query);
    if (streams) return;
    if (hasNonJsonBody(req)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Request bodies must be JSON', [{ field: 'Content-Type', message: 'send Content-Type: application/json' }]);
    }
    await new Promise<void>((resolve, reject) => {
      this.parse(req, res, (error?: unknown) => (error ? reject(toDomainError(error, this.limit)) : resolve()));
    });
    // Every DTO is an object; an array or a scalar would pass class-validator untouched.
    if (req.body !== undefined && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))) {
      throw DomainError.validation('Request body must be a JSON object', [{ message: 'send a JSON object: { … }' }]);
    }
    assertSafeJsonShape(req.body);
  }
}
