import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { SettingsRepository } from '@gradekit/db';
import { NestJsonLogger, createJsonLogger } from '@gradekit/observability';
import { WORKER_LOGGER } from './common/logger.provider';
import { HealthServer } from './health/health.server';
import { ModelRuntime } from './media/models/model-runtime.service';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { consumeOnceClaimed } from './processing/queue-prefix.gate';
import { QueueWorkers } from './processing/queue-workers.service';
import { StuckTasksReconciler } from './processing/stuck-tasks.reconciler';
import { WorkerModule, type WorkerModuleOptions } from './worker.module';

export type WorkerAppOptions = WorkerModuleOptions;

/**
 * Builds the worker's Nest application context without starting anything: no port,
 * no queue consumption. Throws HandlerRegistryError when the handlers do not cover
 * the operation catalog exactly.
 */
export async function createWorkerApp(config: WorkerConfig, options: WorkerAppOptions = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    // Nest's own chatter only from warn up (or as configured when stricter).
    logger: new NestJsonLogger(createJsonLogger('worker', config.logLevel === 'info' ? 'warn' : config.logLevel)),
    // Let a registry error reach the caller instead of Nest calling process.exit.
    abortOnError: false,
  });
  await app.init();
  return app;
}

export interface RunningWorker {
  readonly app: INestApplicationContext;
  /** The health server's bound port (useful with WORKER_PORT=0). */
  readonly port: number;
  /** `http://<host>:<port>` of /healthz, /readyz and /metrics (loopback when bound to all interfaces). */
  readonly url: string;
  readonly metrics: WorkerMetrics;
  readonly logger: Logger;
  /** Settles only if a start deferred by an unreachable Postgres/Redis later finds the queue prefix is another deployment's. */
  readonly fatal: Promise<Error>;
  /**
   * Graceful stop: no new jobs, running ones finish within SHUTDOWN_GRACE_MS (or are
   * released to other workers), then the health server, Postgres and Redis close.
   * Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Starts a worker in this process: the health server first (liveness answers while
 * the queues connect), then — once the queue prefix is claimed for this database —
 * one BullMQ Worker per configured queue. main.ts uses it;
 * so do the integration tests.
 */
export async function startWorker(config: WorkerConfig, options: WorkerAppOptions = {}): Promise<RunningWorker> {
  const app = await createWorkerApp(config, options);
  const logger = app.get<Logger>(WORKER_LOGGER);
  const health = app.get(HealthServer);
  const queues = app.get(QueueWorkers);
  const reconciler = app.get(StuckTasksReconciler);
  let port: number;
  let gate: Awaited<ReturnType<typeof consumeOnceClaimed>>;
  try {
    // Every manifest model present and the one it names (ISNet joined from its npm package
    // on first start), before anything is consumed: a missing file or a wrong hash is
    // ModelManifestError naming the model, and the worker does not start.
    await app.get(ModelRuntime).verify();
    port = await health.listen();
    // Only this database's queue prefix is consumed (another deployment's → QueuePrefixInUseError).
    gate = await consumeOnceClaimed(config, app.get(SettingsRepository), logger, async () => {
      await queues.start();
      reconciler.start();
    });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | null = null;
  return {
    app,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    metrics: app.get(WorkerMetrics),
    logger,
    fatal: gate.fatal,
    close() {
      closing ??= (async () => {
        gate.stop();
        await reconciler.stop();
        await queues.stop();
        await health.close();
        await app.close();
        logger.info('worker closed');
      })();
      return closing;
    },
  };
}
