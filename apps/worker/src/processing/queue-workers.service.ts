import { hostname } from 'node:os';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import type { QueueName, TaskJobData, WebhookJobData } from '@gradekit/contracts';
import { createRedisConnection } from '@gradekit/queue';
import { WORKER_LOGGER } from '../common/logger.provider';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { WebhookDeliveryProcessor } from '../features/webhooks/webhook-delivery.processor';
import { errorSummary } from './job-error.classifier';
import { TaskJobProcessor, type TaskJob, type TaskJobReturn } from './task-job.processor';

export const BULLMQ_TUNING = Symbol('BULLMQ_TUNING');

/** BullMQ lock/stall settings for tests; production sets JOB_LOCK_MS / JOB_STALLED_INTERVAL_MS (30 s each by default, 1 stall allowed). */
export interface BullmqTuning {
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
}

type AnyJobData = TaskJobData | WebhookJobData;

interface QueueWorker {
  queue: QueueName;
  worker: Worker<AnyJobData, unknown, string>;
  connection: Redis;
}

/** What consumes one queue: the job function, extra Worker settings, and what to do when a job finally fails. */
interface QueueConsumer {
  process(job: Job<AnyJobData, unknown, string>, token?: string, signal?: AbortSignal): Promise<unknown>;
  settings?: WorkerOptions['settings'];
  onFailed?(job: Job<AnyJobData, unknown, string> | undefined): Promise<void>;
}

/**
 * One BullMQ Worker per configured queue, each on its own Redis connection. The
 * operation queues (image, gpu, video) feed the TaskJobProcessor; the hooks queue
 * feeds the WebhookDeliveryProcessor (deliveries are not catalog operations), with
 * its retry schedule as BullMQ's custom backoff. Owns the shutdown order: stop taking jobs,
 * let running ones finish within SHUTDOWN_GRACE_MS, else release them (handed back to
 * the queue, then a force-close), then close connections.
 */
@Injectable()
export class QueueWorkers implements OnApplicationShutdown {
  private workers: QueueWorker[] = [];
  private stopping: Promise<void> | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly processor: TaskJobProcessor,
    private readonly hooks: WebhookDeliveryProcessor,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(BULLMQ_TUNING) private readonly tuning: BullmqTuning | null,
  ) {}

  /** Starts consuming every configured queue; resolves once each worker's connection is ready. */
  async start(): Promise<void> {
    if (this.workers.length || this.stopping) throw new Error('queue workers already started');
    const name = `${hostname()}:${process.pid}`;
    for (const queue of this.config.queues) {
      const connection = createRedisConnection(this.config.redisUrl, `worker-${queue}`);
      const consumer = this.consumerOf(queue);
      const worker = new Worker<AnyJobData, unknown, string>(
        queue,
        // Three parameters: BullMQ then passes its per-job AbortSignal.
        (job, token, signal) => consumer.process(job, token, signal),
        {
          connection,
          prefix: this.config.queuePrefix,
          concurrency: this.config.concurrency,
          name,
          lockDuration: this.config.jobLockMs,
          stalledInterval: this.config.stalledIntervalMs,
          ...(this.tuning ?? {}),
          ...(consumer.settings ? { settings: consumer.settings } : {}),
        },
      );
      worker.on('error', (error) => this.logger.error({ queue, err: errorSummary(error) }, 'queue worker error'));
      worker.on('failed', (job) => {
        consumer.onFailed?.(job).catch((error: unknown) => this.logger.error({ queue, jobId: job?.id, err: errorSummary(error) }, 'could not settle a failed job'));
      });
      this.workers.push({ queue, worker, connection });
    }
    await Promise.all(this.workers.map(({ worker }) => worker.waitUntilReady()));
    this.logger.info({ queues: this.config.queues, concurrency: this.config.concurrency, prefix: this.config.queuePrefix }, 'consuming queues');
  }

  private consumerOf(queue: QueueName): QueueConsumer {
    if (queue === 'hooks') {
      return {
        process: (job) => this.hooks.process(job as Job<WebhookJobData, unknown, string>),
        settings: { backoffStrategy: this.hooks.backoffStrategy },
        onFailed: (job) => this.hooks.settleFailedJob(job as Job<WebhookJobData, unknown, string> | undefined),
      };
    }
    return {
      process: (job, token, signal) => this.processor.process(job as Job<TaskJobData, TaskJobReturn, string>, token, signal),
      onFailed: (job) => this.processor.settleFailedJob(job as Job<TaskJobData, unknown, string> | undefined),
    };
  }

  /** The released jobs go back over a connection of their own: the closed workers' are gone. */
  private async handBackReleased(): Promise<void> {
    const connection = createRedisConnection(this.config.redisUrl, 'worker-hand-back');
    const queues = new Map<string, Queue>();
    const queueOf = (name: string) => {
      if (!queues.has(name)) queues.set(name, new Queue(name, { connection, prefix: this.config.queuePrefix }));
      return queues.get(name)!;
    };
    try {
      await this.processor.drain.handBackReleased(async (job) => {
        const found: unknown = await Job.fromId(queueOf(job.queueName), job.id!);
        return found as TaskJob | undefined;
      });
    } finally {
      await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
      await connection.quit().catch(() => connection.disconnect());
    }
  }

  /** True while every queue worker is running (readiness). */
  isRunning(): boolean {
    return this.workers.length > 0 && !this.stopping && this.workers.every(({ worker }) => worker.isRunning());
  }

  /** Graceful stop (idempotent): see the class comment. */
  stop(): Promise<void> {
    if (!this.stopping) this.stopping = this.doStop();
    return this.stopping;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async doStop(): Promise<void> {
    if (!this.workers.length) return;
    const graceMs = this.config.shutdownGraceMs;
    const drain = this.processor.drain;
    this.logger.info({ running: drain.activeCount, graceMs }, 'stopping: taking no new jobs, waiting for running ones');
    drain.beginDrain();
    // Stop fetching without waiting; waiting is done below with a deadline.
    await Promise.all(this.workers.map(({ worker }) => worker.pause(true)));
    const drained = await drain.whenIdle(graceMs);
    if (!drained) {
      this.logger.warn({ running: drain.activeCount, graceMs }, 'grace period over: releasing running jobs to other workers');
      drain.release();
    }
    // Drained: a normal close lets BullMQ finish recording the last results. Not drained:
    // force-close, so BullMQ records nothing more for the running jobs and fetches none,
    // then hand them back to the queue and stop their handlers.
    await Promise.all(this.workers.map(({ worker }) => worker.close(!drained).catch((error: unknown) => this.logger.error({ err: errorSummary(error) }, 'closing a queue worker failed'))));
    if (!drained) {
      await this.handBackReleased();
      drain.abortRunning();
    }
    await Promise.all(this.workers.map(({ connection }) => connection.quit().catch(() => connection.disconnect())));
    this.logger.info({ released: !drained }, 'queue workers stopped');
  }
}
