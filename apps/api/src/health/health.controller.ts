import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { PrismaService } from '@gradekit/db';
import { runCheck, type CheckResult } from '@gradekit/observability';
import type { StorageDriver } from '@gradekit/storage';
import { Public } from '../auth/auth.decorators';
import { ApiMetrics } from '../metrics/api-metrics.service';
import { REDIS } from '../queue/redis.provider';
import { STORAGE } from '../storage/storage.provider';

/** Liveness, readiness (Postgres, Redis, storage) and Prometheus metrics; no auth, not in the public docs. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    private readonly metrics: ApiMetrics,
  ) {}

  @Get('healthz')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readiness(@Res({ passthrough: true }) res: Response): Promise<{ status: string; checks: Record<string, CheckResult> }> {
    const [postgres, redis, storage] = await Promise.all([runCheck(() => this.prisma.ping()), runCheck(() => this.redis.ping()), runCheck(() => this.storage.ping())]);
    const checks = { postgres, redis, storage };
    const ready = Object.values(checks).every((result) => result.status === 'ok');
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
