import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ApiConfig } from '@gradekit/config';
import { IdempotencyRepository, SessionsRepository } from '@gradekit/db';
import { APP_LOGGER } from '../common/logger.provider';
import { API_CONFIG } from '../config/api-config.provider';

/**
 * Deletes expired sessions and Idempotency-Key records every EXPIRED_ROWS_SWEEP_MINUTES.
 * Expired rows are already refused when read (a session past `expires_at` does not
 * authenticate; an expired key is reclaimed), so this only keeps the tables from
 * growing without bound. Each api replica sweeps on its own: the deletes are idempotent,
 * so replicas racing each other is harmless. The first sweep comes one interval after
 * start, not during boot.
 */
@Injectable()
export class ExpiredRowsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly idempotency: IdempotencyRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.expiredRowsSweepMinutes;
    if (minutes <= 0) return;
    this.timer = setInterval(() => void this.sweep().catch((error: unknown) => this.logger.warn({ err: String(error) }, 'expired-rows sweep failed; next one as scheduled')), minutes * 60_000);
    this.timer.unref(); // never what keeps the process alive
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sweep: how many rows of each kind it deleted. */
  async sweep(now = new Date()): Promise<{ sessions: number; idempotencyKeys: number }> {
    const [sessions, idempotencyKeys] = await Promise.all([this.sessions.deleteExpired(now), this.idempotency.deleteExpired(now)]);
    if (sessions + idempotencyKeys > 0) this.logger.info({ sessions, idempotencyKeys }, 'expired rows deleted');
    return { sessions, idempotencyKeys };
  }
}
