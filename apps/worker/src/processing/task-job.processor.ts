import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, Task } from '@prisma/client';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { DomainError, type TaskJobData } from '@gradekit/contracts';
import { CreditsRepository, TasksRepository, UsersRepository } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import { WORKER_LOGGER } from '../common/logger.provider';
import { STORAGE } from '../common/storage.provider';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { HandlerRegistry } from '../operations/handler.registry';
import type { HandlerContext } from '../operations/operation-handler';
import { storedInputs, taskSnapshot } from './task-snapshot';
import { WorkerMetrics, type JobOutcomeStatus } from '../metrics/worker-metrics.service';
import { classifyJobError, errorSummary, internalTaskError, isLastAttempt } from './job-error.classifier';
import { JobDrain } from './job-drain';
import { postponeOnDatabaseOutage } from './dependency-postpone';
import { missingTaskVerdict } from './missing-task.release';
import { OwnerDeletionCleaner } from './owner-deletion.cleaner';
import { WebhookNotifier } from '../features/webhooks/webhook-notifier.service';

export type TaskJob = Job<TaskJobData, unknown, string>;

/** What BullMQ keeps as the job's return value: a pointer, never the result (Postgres holds that). */
export interface TaskJobReturn {
  taskId: string;
  status: 'completed';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one log line (and metric sample) of a job attempt, filled in as it runs. */
interface JobRecord {
  jobId: string | undefined;
  taskId: unknown;
  op: string;
  queue: string;
  attempt: number;
  status: JobOutcomeStatus;
  code?: string;
  error?: string;
  /** Why nothing ran: a duplicate of a completed task, a task already failed/canceled, a job handed back at shutdown. */
  note?: string;
}

/**
 * Runs one task job (every queue, every op). Postgres is the source of truth:
 *  1. load the Task (absent → released back to the queue, then discarded, never failed:
 *     missing-task.release.ts); already `completed` → return at once,
 *     so a duplicated or redelivered job never redoes work or writes a second History
 *     row; already failed/canceled → UnrecoverableError; else mark `processing`.
 *  2. run the op's handler; on success store result + History in one transaction.
 *  3. on error: an input error a retry cannot fix → fail + refund now, UnrecoverableError;
 *     anything else → rethrow for BullMQ's retry, and after the last attempt fail +
 *     refund first (the ledger makes the refund unique per task, so however often this
 *     runs the owner is refunded once).
 * The shutdown state of its jobs (drain / release) is JobDrain's; the path of a task
 * whose owner was deleted mid-run is OwnerDeletionCleaner's.
 */
/** A job sent back by a database outage: logged as retried, with why (no attempt was used). */
function markPostponed(record: JobRecord): void {
  record.status = 'retried';
  record.note = 'database unavailable: postponed, no attempt used';
}

@Injectable()
export class TaskJobProcessor {
  /** Which jobs run here and whether shutdown has begun; QueueWorkers drives it at shutdown. */
  readonly drain: JobDrain;
  private readonly ownerDeletion: OwnerDeletionCleaner;

  constructor(
    private readonly tasks: TasksRepository,
    private readonly credits: CreditsRepository,
    users: UsersRepository,
    private readonly registry: HandlerRegistry,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    private readonly metrics: WorkerMetrics,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly webhooks: WebhookNotifier,
  ) {
    // Built here, not injected: they live exactly as long as this processor and need
    // nothing it does not already have, so the worker module lists only the processor.
    this.drain = new JobDrain(logger);
    this.ownerDeletion = new OwnerDeletionCleaner(tasks, users, storage, logger);
  }

  /** The BullMQ processor. `token` and `signal` are BullMQ's (lock token, per-job cancel). */
  process(job: TaskJob, token?: string, signal?: AbortSignal): Promise<TaskJobReturn> {
    if (this.drain.isDraining) return this.drain.handBack(job, token);
    return this.drain.track(this.run(job, token, signal), job, token);
  }

  /**
   * Safety net for jobs that end failed without passing through `run`'s last-attempt
   * branch — a job that stalled more than BullMQ allows, or one whose final
   * failTaskAndRefund hit a database outage. A task still queued/processing behind a
   * finally failed job is failed and refunded here (refund-once makes a double call harmless).
   */
  async settleFailedJob(job: TaskJob | undefined): Promise<void> {
    const taskId = job?.data?.taskId;
    if (!job || typeof taskId !== 'string' || !UUID.test(taskId)) return;
    const state = await job.getState();
    if (state !== 'failed' && state !== 'unknown') return; // a retry is scheduled
    const task = await this.tasks.findForProcessing(taskId);
    if (!task || (task.status !== 'queued' && task.status !== 'processing')) return;
    const refunded = await this.credits.failTaskAndRefund(taskId, this.json(internalTaskError(job.opts.attempts)));
    await this.webhooks.taskFinished(taskId);
    this.logger.warn({ taskId, op: task.op, queue: job.queueName, refunded, reason: job.failedReason }, 'job failed outside its processor; task failed');
  }

  private async run(job: TaskJob, token: string | undefined, signal: AbortSignal | undefined): Promise<TaskJobReturn> {
    const started = performance.now();
    const record: JobRecord = { jobId: job.id, taskId: job.data?.taskId, op: job.name, queue: job.queueName, attempt: job.attemptsMade + 1, status: 'retried' };
    try {
      return await this.execute(job, record, token, signal);
    } finally {
      // Completed or failed for good (not a retry): the webhook, if any (idempotent per task; never throws).
      if (record.status !== 'retried' && typeof record.taskId === 'string' && UUID.test(record.taskId)) await this.webhooks.taskFinished(record.taskId);
      this.finish(record, started);
    }
  }

  private async execute(job: TaskJob, record: JobRecord, token: string | undefined, bullSignal: AbortSignal | undefined): Promise<TaskJobReturn> {
    const attempts = job.opts.attempts ?? 1;
    const last = isLastAttempt(job.attemptsMade, attempts);
    const taskId = job.data?.taskId;
    if (typeof taskId !== 'string' || !UUID.test(taskId)) {
      record.status = 'failed';
      throw new UnrecoverableError(`job ${job.id} carries no valid task id`);
    }

    let task: Task | null;
    try {
      task = await this.tasks.findForProcessing(taskId);
      if (task && task.status !== 'completed' && task.status !== 'failed' && task.status !== 'canceled') {
        await this.tasks.markProcessing(taskId, record.attempt);
      }
    } catch (error) {
      record.error = errorSummary(error);
      await postponeOnDatabaseOutage(error, job, token, () => markPostponed(record));
      // Other database trouble before any work: BullMQ retries; after the last attempt the
      // `failed` listener (settleFailedJob) fails and refunds the task.
      record.status = last ? 'failed' : 'retried';
      throw error;
    }
    if (!task) return this.releaseMissing(job, token, record);
    record.op = task.op;
    if (task.status === 'completed') {
      record.status = 'completed';
      record.note = 'duplicate of a completed task: not run again';
      return { taskId, status: 'completed' };
    }
    if (task.status === 'failed' || task.status === 'canceled') {
      record.status = 'failed';
      record.note = `task already ${task.status}: not run`;
      throw new UnrecoverableError(`task ${taskId} is already ${task.status}`);
    }

    try {
      const handler = this.registry.get(task.op);
      const signal = bullSignal ? AbortSignal.any([bullSignal, this.drain.signal]) : this.drain.signal;
      const outcome = await handler.run(this.contextFor(task, job, record.attempt, signal));
      // Handed back at shutdown while the handler ran on: the job is another worker's now, and so is the outcome.
      if (this.drain.isReleased) throw new Error('released at shutdown before the result was stored');
      const refund = outcome.refundCredits ? { amount: outcome.refundCredits, reason: `refund:${task.op}:partial` } : undefined;
      await this.tasks.complete(task, this.json(outcome.result), outcome.history ?? null, new Date(), refund);
      record.status = 'completed';
      return { taskId, status: 'completed' };
    } catch (error) {
      record.error = errorSummary(error);
      if (this.drain.isReleased) {
        // Force-closed at shutdown: leave the task alone; the job goes back to the queue.
        record.status = 'retried';
        record.note = 'released at shutdown';
        throw error;
      }
      await postponeOnDatabaseOutage(error, job, token, () => markPostponed(record));
      if (await this.ownerDeletion.clearIfOwnerDeleted(task)) {
        // Nothing to fail or refund: the rows went with the owner (its files were cleared again).
        record.status = 'failed';
        record.note = 'owner deleted while the job ran: outputs removed';
        throw new UnrecoverableError(`task ${taskId} was deleted with its owner while it ran`);
      }
      const verdict = classifyJobError(error);
      if (verdict.kind === 'final') {
        await this.credits.failTaskAndRefund(taskId, this.json(verdict.error));
        record.status = 'failed';
        record.code = verdict.error.code;
        throw new UnrecoverableError(`${verdict.error.code}: ${verdict.error.message}`);
      }
      if (last) {
        await this.credits.failTaskAndRefund(taskId, this.json(internalTaskError(attempts)));
        record.status = 'failed';
        record.code = 'INTERNAL';
      }
      throw error;
    }
  }

  /** No Task row here: back to the queue a few times, then discarded; Postgres untouched (missing-task.release.ts). */
  private async releaseMissing(job: TaskJob, token: string | undefined, record: JobRecord): Promise<never> {
    const verdict = missingTaskVerdict(job, this.config.missingTask);
    if (verdict.action === 'discard') {
      record.status = 'failed';
      record.note = `task not in this database after ${verdict.releases} releases: job discarded, nothing failed or refunded`;
      throw new UnrecoverableError(`task ${job.data.taskId} is not in this deployment's database (released ${verdict.releases} times)`);
    }
    await job.moveToDelayed(Date.now() + verdict.delayMs, token);
    record.status = 'retried';
    record.note = `task not in this database (yet): job released for ${verdict.delayMs} ms`;
    throw new DelayedError();
  }

  private contextFor(task: Task, job: TaskJob, attempt: number, signal: AbortSignal): HandlerContext {
    const inputs = storedInputs(task.inputs);
    return {
      task: taskSnapshot(task, inputs, attempt),
      storage: this.storage,
      signal,
      logger: this.logger.child({ taskId: task.id, op: task.op }),
      loadInput: (role: string) => this.loadInput(inputs, role),
      reportProgress: (percent: number) => this.reportProgress(task.id, job, percent),
      reconcileCredits: (truePrice: number) => this.credits.reconcileTaskCharge(task.id, truePrice),
    };
  }

  private async loadInput(inputs: Record<string, string>, role: string): Promise<Buffer> {
    const key = inputs[role];
    if (!key) throw new DomainError('UNPROCESSABLE', `The task has no "${role}" input`, [{ field: role, message: 'missing' }]);
    const info = await this.storage.head(key);
    if (!info) throw new DomainError('NOT_FOUND', `The "${role}" input no longer exists in storage`, [{ field: role, message: 'object not found' }]);
    const max = this.config.limits.maxInputBytes;
    if (info.bytes > max) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `The "${role}" input is larger than ${max} bytes`, [{ field: role, message: `${info.bytes} bytes`, max_bytes: max }]);
    }
    return this.storage.get(key);
  }

  private async reportProgress(taskId: string, job: TaskJob, percent: number): Promise<void> {
    const value = Math.max(0, Math.min(100, Math.round(Number.isFinite(percent) ? percent : 0)));
    try {
      await Promise.all([this.tasks.setProgress(taskId, value), job.updateProgress(value)]);
    } catch (error) {
      // Progress is advisory; the outcome is written by complete/failTaskAndRefund.
      this.logger.debug({ taskId, err: errorSummary(error) }, 'progress update failed');
    }
  }

  private finish(record: JobRecord, started: number): void {
    const ms = Math.round(performance.now() - started);
    this.metrics.recordJob(record.queue, record.op, record.status, ms / 1000);
    const line = { taskId: record.taskId, jobId: record.jobId, op: record.op, queue: record.queue, attempt: record.attempt, ms, status: record.status, code: record.code, note: record.note, error: record.error };
    if (record.status === 'completed') this.logger.info(line, 'job finished');
    else this.logger.warn(line, 'job finished');
  }

  /** Stored JSON is plain JSON: round-trips drop undefined and class instances. */
  private json(value: unknown): Prisma.InputJsonValue {
    const text = JSON.stringify(value);
    if (text === undefined || text === 'null') throw new Error('handler result is not a JSON value');
    return JSON.parse(text) as Prisma.InputJsonValue;
  }
}

