import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { ApiConfig } from '@gradekit/config';
import { QUEUE_NAMES, WEBHOOK_JOB, type JobName, type QueueName, queueOfJob, webhookJobId } from '@gradekit/contracts';
import { bullConnection, taskJobOptions, webhookJobOptions } from '@gradekit/queue';
import { API_CONFIG } from '../config/api-config.provider';

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

/**
 * The api's side of BullMQ: enqueue a task's job (jobId = task id) and wait for it
 * on QueueEvents. Queues and their event listeners are opened on first use.
 */
@Injectable()
export class TaskQueues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly events = new Map<QueueName, Promise<QueueEvents>>();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  async enqueue(name: JobName, taskId: string): Promise<Job> {
    const queue = this.queue(queueOfJob(name));
    return queue.add(name, { taskId }, taskJobOptions(taskId, this.config.jobAttempts));
  }

  /** A webhook delivery's `run`-th send (a redelivery), on the hooks queue; the schedule's length is its attempts. */
  async enqueueWebhook(deliveryId: string, run: number): Promise<Job> {
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
      queue = new Queue(name, { connection: bullConnection(this.config.redisUrl, `api-queue-${name}`), prefix: this.config.queuePrefix });
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
