import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { PrismaService } from '@gradekit/db';
import { runCheck, type CheckResult } from '@gradekit/observability';
import { createRedisConnection } from '@gradekit/queue';
import type { StorageDriver } from '@gradekit/storage';
import { WORKER_LOGGER } from '../common/logger.provider';
import { STORAGE } from '../common/storage.provider';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { ModelRuntime, type RuntimeStatus } from '../media/models/model-runtime.service';
import { WorkerMetrics } from '../metrics/worker-metrics.service';
import { QueueWorkers } from '../processing/queue-workers.service';

export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { postgres: CheckResult; redis: CheckResult; storage: CheckResult; queues: CheckResult };
  /** The model runtime: provider asked for and used, device, each model's runs and latency (informational: it never fails readiness). */
  models: RuntimeStatus;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * The worker's only HTTP surface, a plain node:http server for the orchestrator:
 *   GET /healthz  liveness: the process answers
 *   GET /readyz   Postgres, Redis, storage and the queue workers; 503 with each check when one fails;
 *                 plus the model runtime's provider, device and per-model latency
 *   GET /metrics  Prometheus text (jobs_total, job_duration_seconds, gradekit_model_*, process metrics)
 * It never serves clients (docs/architecture.md: the worker never speaks HTTP to clients).
 */
@Injectable()
export class HealthServer implements OnApplicationShutdown {
  private server: Server | null = null;
  /** The readiness probe's own Redis connection (the queue workers block theirs), opened with the server. */
  private redis: Redis | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly prisma: PrismaService,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    private readonly queues: QueueWorkers,
    private readonly metrics: WorkerMetrics,
    private readonly models: ModelRuntime,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  /** Listens on WORKER_HOST:WORKER_PORT (0 picks a free port) and returns the bound port. */
  async listen(): Promise<number> {
    if (this.server) return this.port();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error({ err: error instanceof Error ? error.message : String(error), url: req.url }, 'health request failed');
        if (!res.headersSent) this.send(res, 500, { error: 'Internal error', code: 'INTERNAL', details: [] });
        else res.end();
      });
    });
    // Probes are short; don't let idle keep-alive sockets hold the process at shutdown.
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.redis = createRedisConnection(this.config.redisUrl, 'worker-health');
    const port = this.port();
    this.logger.info({ host: this.config.host, port }, 'health server listening');
    return port;
  }

  port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('health server is not listening');
    return address.port;
  }

  async readiness(): Promise<Readiness> {
    const [postgres, redis, storage] = await Promise.all([
      runCheck(() => this.prisma.ping(), CHECK_TIMEOUT_MS),
      runCheck(async () => {
        if (!this.redis) throw new Error('health server is not listening');
        await this.redis.ping();
      }, CHECK_TIMEOUT_MS),
      runCheck(() => this.storage.ping(), CHECK_TIMEOUT_MS),
    ]);
    const queues: CheckResult = this.queues.isRunning() ? { status: 'ok' } : { status: 'error', error: 'queue workers are not running' };
    const checks = { postgres, redis, storage, queues };
    const ok = Object.values(checks).every((check) => check.status === 'ok');
    return { status: ok ? 'ok' : 'unavailable', checks, models: this.models.status() };
  }

  async close(): Promise<void> {
    const server = this.server;
    const redis = this.redis;
    this.server = null;
    this.redis = null;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    const routes = ['/healthz', '/readyz', '/metrics'];
    if (!routes.includes(path)) {
      this.send(res, 404, { error: `No route for ${req.method} ${path}`, code: 'NOT_FOUND', details: [] });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      this.send(res, 405, { error: `Method ${req.method} not allowed`, code: 'VALIDATION_ERROR', details: [] });
      return;
    }
    if (path === '/healthz') {
      this.send(res, 200, { status: 'ok' });
    } else if (path === '/readyz') {
      const readiness = await this.readiness();
      this.send(res, readiness.status === 'ok' ? 200 : 503, readiness);
    } else {
      const text = await this.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(text);
  }
}
