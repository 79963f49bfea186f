import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Queue, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { QUEUE_NAMES, type QueueName, type TaskJobData } from '@gradekit/contracts';
import { CreditsRepository, TasksRepository } from '@gradekit/db';
import { createRedisConnection, taskJobOptions } from '@gradekit/queue';
import { WORKER_LOGGER } from '../common/logger.provider';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { WebhookNotifier } from '../features/webhooks/webhook-notifier.service';
import { errorSummary } from './job-error.classifier';

/** What one stuck-looking task turned out to be. */
export type ReconcileOutcome = 'live' | 'requeued' | 'failed' | 'changed';

export type SweepCounts = Record<ReconcileOutcome, number>;

/** Job states in which BullMQ still owns the job's future (an active job's lapsed lock is its stall check's). */
const LIVE_STATES = new Set<JobState | 'unknown'>(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
const PAGE = 100;
/** How long the once-per-task re-enqueue is remembered; a task stuck again within it is failed and refunded. */
const REQUEUED_TTL_S = 7 * 24 * 3600;

/** The message a task failed here stores (its owner reads it). */
const LOST_TASK_ERROR = { code: 'INTERNAL', message: 'The task was lost by the job queue twice and was not run; its credits were refunded.', details: [] };

/**
 * Finds tasks that Postgres says are queued or processing but that no live BullMQ job
 * will ever finish — a job discarded by a worker that found no row yet, one removed or
 * failed while the task's last write failed, a flushed Redis — and settles each:
 *  - first time: put back to `queued` and enqueued again (jobId = task id; a finished
 *    job of that id is removed first, else the add would be a no-op);
 *  - already re-enqueued once (a Redis key per task, `<prefix>:reconciler:requeued:<id>`):
 *    failed and refunded once (the ledger's unique refund), and its webhook sent.
 * A task is a candidate only once its row has not changed for STUCK_TASK_AFTER_MS, and
 * every change is conditional on that still being so, so a worker that picks the task
 * up meanwhile wins. Every STUCK_TASK_SWEEP_MS one worker of the deployment sweeps: the
 * first to take `<prefix>:reconciler:lock` (SET NX, held for one interval, not released),
 * so replicas do not sweep the same tasks at once; were two to overlap (a sweep longer
 * than the interval), the conditional writes keep each task's outcome single.
 * In the worker, not the api: settling a task (fail, refund, webhook) is the worker's.
 */
@Injectable()
export class StuckTasksReconciler {
  private timer: NodeJS.Timeout | null = null;
  private redis: Redis | null = null;
  private readonly queues = new Map<QueueName, Queue<TaskJobData>>();

  constructor(
    private readonly tasks: TasksRepository,
    private readonly credits: CreditsRepository,
    private readonly webhooks: WebhookNotifier,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts the schedule (startWorker calls it once the queue prefix is claimed); the first sweep comes one interval later. */
  start(): void {
    const every = this.config.stuckTasks.sweepMs;
    if (every <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.warn({ err: errorSummary(error) }, 'stuck-task sweep failed; next one as scheduled')), every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    const redis = this.redis;
    this.redis = null;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  /** One scheduled sweep, if this process takes the deployment's lock; null when another has it. */
  async tick(now = new Date()): Promise<SweepCounts | null> {
    const taken = await this.connection().set(this.key('lock'), randomUUID(), 'PX', Math.max(1000, this.config.stuckTasks.sweepMs), 'NX');
    if (taken !== 'OK') return null;
    return this.sweep(now);
  }

  /** One pass over every candidate (no lock: `tick` takes it). */
  async sweep(now = new Date()): Promise<SweepCounts> {
    const before = new Date(now.getTime() - this.config.stuckTasks.afterMs);
    const counts: SweepCounts = { live: 0, requeued: 0, failed: 0, changed: 0 };
    let cursor: { updatedAt: Date; id: string } | undefined;
    for (;;) {
      const page = await this.tasks.findUnsettledBefore(before, PAGE, cursor);
      for (const task of page) counts[await this.reconcile(task, before)]++;
      if (page.length < PAGE) break;
      cursor = page[page.length - 1];
    }
    if (counts.requeued + counts.failed > 0) this.logger.warn({ ...counts }, 'stuck tasks reconciled');
    return counts;
  }

  private async reconcile(task: { id: string; op: string; queue: string }, before: Date): Promise<ReconcileOutcome> {
    if (!(QUEUE_NAMES as readonly string[]).includes(task.queue)) return 'live'; // not a queue this code knows: not ours to judge
    const queue = this.queue(task.queue as QueueName);
    const job = await queue.getJob(task.id);
    const state = job ? await job.getState() : 'missing';
    if (LIVE_STATES.has(state as JobState)) return 'live';

    const onceKey = this.key(`requeued:${task.id}`);
    const first = (await this.connection().set(onceKey, new Date().toISOString(), 'EX', REQUEUED_TTL_S, 'NX')) === 'OK';
    if (!first) {
      const { failed, refunded } = await this.credits.failUnchangedTaskAndRefund(task.id, LOST_TASK_ERROR, before);
      if (!failed) return 'changed';
      await this.webhooks.taskFinished(task.id);
      this.logger.warn({ taskId: task.id, op: task.op, queue: task.queue, jobState: state, refunded }, 'stuck task re-enqueued before and lost again: failed and refunded');
      return 'failed';
    }
    if (!(await this.tasks.requeueIfUnchangedSince(task.id, before))) {
      await this.connection().del(onceKey);
      return 'changed';
    }
    try {
      // A finished job keeps the id (removeOnComplete/removeOnFail keep it for a while): without this, add() is a no-op.
      if (job) await job.remove();
      await queue.add(task.op, { taskId: task.id }, taskJobOptions(task.id, this.config.jobAttempts));
    } catch (error) {
      // Not re-enqueued after all: the once is not used up; the task (now queued, its row fresh) comes round again.
      await this.connection().del(onceKey).catch(() => undefined);
      throw error;
    }
    this.logger.warn({ taskId: task.id, op: task.op, queue: task.queue, jobState: state }, 'stuck task without a live job: re-enqueued once');
    return 'requeued';
  }

  private key(name: string): string {
    return `${this.config.queuePrefix}:reconciler:${name}`;
  }

  private connection(): Redis {
    this.redis ??= createRedisConnection(this.config.redisUrl, 'worker-reconciler');
    return this.redis;
  }

  private queue(name: QueueName): Queue<TaskJobData> {
    let queue = this.queues.get(name);
    if (!queue) {
      // The shared connection: a producer's commands never block, and stop() closes it once.
      queue = new Queue<TaskJobData>(name, { connection: this.connection(), prefix: this.config.queuePrefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
