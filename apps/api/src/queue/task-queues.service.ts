import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ApiConfig } from '@gradekit/config';
import { QUEUE_NAMES, WEBHOOK_JOB, type JobName, type QueueName, queueOfJob, webhookJobId } from '@gradekit/contracts';
import { SettingsRepository } from '@gradekit/db';
import { bullConnection, claimQueuePrefix, QueuePrefixInUseError, taskJobOptions, webhookJobOptions } from '@gradekit/queue';
import { APP_LOGGER } from '../common/logger.provider';
import { API_CONFIG } from '../config/api-config.provider';
import { REDIS } from './redis.provider';

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

/**
 * The api's side of BullMQ: enqueue a task's job (jobId = task id) and wait for it
 * on QueueEvents. Queues and their event listeners are opened on first use. Nothing is
 * enqueued before the queue prefix is claimed for this database (libs/queue
 * claimQueuePrefix): at start, where another deployment's prefix refuses the start,
 * and again before an enqueue while Postgres or Redis was unreachable at start.
 */
@Injectable()
export class TaskQueues implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly events = new Map<QueueName, Promise<QueueEvents>>();
  private claimed: Promise<void> | null = null;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly settings: SettingsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.claimPrefix();
    } catch (error) {
      if (error instanceof QueuePrefixInUseError) throw error;
      this.logger.warn({ prefix: this.config.queuePrefix, err: error instanceof Error ? error.message : String(error) }, 'cannot check the queue prefix yet: checked again before the first enqueue');
    }
  }

  /** Claims once; a failed claim is forgotten, so the next call tries again (a conflict fails every enqueue). */
  private claimPrefix(): Promise<void> {
    this.claimed ??= (async () => claimQueuePrefix(this.redis, this.config.queuePrefix, await this.settings.deploymentId()))().catch((error: unknown) => {
      if (!(error instanceof QueuePrefixInUseError)) this.claimed = null;
      throw error;
    });
    return this.claimed;
  }

  async enqueue(name: JobName, taskId: string): Promise<Job> {
    await this.claimPrefix();
    const queue = this.queue(queueOfJob(name));
    return queue.add(name, { taskId }, taskJobOptions(taskId, this.config.jobAttempts));
  }

  /** A webhook delivery's `run`-th send (a redelivery), on the hooks queue; the schedule's length is its attempts. */
  async enqueueWebhook(deliveryId: string, run: number): Promise<Job> {
    await this.claimPrefix();
    return this.queue(queueOfJob(WEBHOOK_JOB)).add(WEBHOOK_JOB, { deliveryId }, webhookJobOptions(webhookJobId(deliveryId, run), this.config.webhooks.retryScheduleMs.length));
  }

  /** Resolves true when the job finished (completed or failed) within `timeoutMs`, false on timeout. */
  async waitForJob(job: Job, timeoutMs: number): Promise<boolean> {
    if (timeoutMs <= 0) return false;
    const events = await this.queueEvents(job.queueName as QueueName);
    try {
      await job.waitUntilFinished(events, timeoutMs);
      return true;
    } catch (error) {
      // A failed job rejects with its error; that is still "finished": the task row holds the outcome.
      const message = error instanceof Error ? error.message : String(error);
      return !/timed out before finishing/i.test(message);
    }
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await this.queue(name).getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
        return [name, { waiting: counts.waiting ?? 0, active: counts.active ?? 0, completed: counts.completed ?? 0, failed: counts.failed ?? 0, delayed: counts.delayed ?? 0 }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.config.redisUrl, `api-queue-${name}`, 'failFast'), prefix: this.config.queuePrefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private queueEvents(name: QueueName): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      const created = new QueueEvents(name, { connection: bullConnection(this.config.redisUrl, `api-events-${name}`), prefix: this.config.queuePrefix });
      events = created.waitUntilReady().then(() => created);
      this.events.set(name, events);
    }
    return events;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.events.values()].map(async (events) => (await events).close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
