import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../common/logger.provider';
import type { GradekitRequest } from '../common/request-context';
import { ApiMetrics } from './api-metrics.service';

/** One structured log line and the request metrics for every response. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  use(req: GradekitRequest, res: Response, next: NextFunction): void {
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - req.startedAt) / 1e9;
      // The matched route pattern, not the raw path, keeps label cardinality bounded.
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      this.metrics.http.requests.inc(labels);
      this.metrics.http.duration.observe(labels, seconds);
      this.logger.info(
        { requestId: req.id, method: req.method, path: req.originalUrl.split('?')[0], route, status: res.statusCode, ms: Math.round(seconds * 1000), userId: req.principal?.user.id },
        'request',
      );
    });
    next();
  }
}
