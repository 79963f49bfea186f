import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, ERROR_STATUS, dependencyOutage, dependencyUnavailableError, type ErrorCode, type ErrorDetail } from '@gradekit/contracts';
import { APP_LOGGER } from './logger.provider';
import type { GradekitRequest } from './request-context';

interface ErrorBody {
  error: string;
  code: ErrorCode;
  details: ErrorDetail[];
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  402: 'INSUFFICIENT_CREDITS',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place errors become HTTP: `{ error, code, details }` with the status of
 * the code — domain errors (body-parser failures arrive as those, see
 * JsonBodyInterceptor), framework errors (unknown route) and anything unexpected
 * (500, logged, no internals leaked).
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<GradekitRequest>();
    const [status, body] = this.toResponse(exception, req);
    if (body.code === 'DEPENDENCY_UNAVAILABLE') {
      // An outage, not a bug: one line without the stack (every request fails the same way until it is over).
      this.logger.warn({ requestId: req.id, path: req.originalUrl, dependency: body.details[0]?.['dependency'], err: exception instanceof Error ? exception.message.slice(0, 200) : String(exception) }, 'dependency unavailable');
    } else if (status >= 500) {
      this.logger.error({ err: exception, requestId: req.id, path: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) return;
    // Any error that says when to come back (rate limits, outages) says it in a header too.
    const retryAfter = body.details.find((detail) => typeof detail['retry_after'] === 'number')?.['retry_after'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }

  private toResponse(thrown: unknown, req: GradekitRequest): [number, ErrorBody] {
    const dependency = dependencyOutage(thrown);
    const exception = dependency ? dependencyUnavailableError(dependency) : thrown;
    if (exception instanceof DomainError) {
      return [ERROR_STATUS[exception.code], { error: exception.message, code: exception.code, details: exception.details }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_ERROR');
      const message = status === 404 ? `No route for ${req.method} ${req.path}` : exception.message;
      return [status, { error: message, code, details: [] }];
    }
    return [500, { error: 'Internal server error', code: 'INTERNAL', details: [{ message: `Quote request id ${req.id} when reporting this` }] }];
  }
}
