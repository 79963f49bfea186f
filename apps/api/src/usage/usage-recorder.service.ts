import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { UsageRepository } from '@gradekit/db';
import { APP_LOGGER } from '../common/logger.provider';
import type { GradekitRequest } from '../common/request-context';

/**
 * Writes one usage-log row per operation call once its response is sent, with the
 * final status — success, error or sandbox — and what it finally cost.
 */
@Injectable()
export class UsageRecorder {
  constructor(
    private readonly usage: UsageRepository,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  recordWhenFinished(req: GradekitRequest, res: Response, initial: NonNullable<GradekitRequest['usage']>): void {
    req.usage = initial;
    res.once('finish', () => {
      const principal = req.principal;
      const usage = req.usage;
      if (!principal || !usage) return;
      const charged = res.statusCode < 400 ? usage.credits : 0;
      this.usage
        .record(principal.user.id, {
          apiKeyId: principal.apiKeyId,
          op: usage.op,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          credits: charged,
          sandbox: usage.sandbox,
          taskId: usage.taskId,
          durationMs: Math.round(Number(process.hrtime.bigint() - req.startedAt) / 1e6),
        })
        .catch((error: unknown) => this.logger.error({ err: error, requestId: req.id }, 'usage log write failed'));
    });
  }
}
