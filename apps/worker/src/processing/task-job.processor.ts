import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, Task } from '@prisma/client';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { DomainError, type OperationName, type TaskJobData } from '@gradekit/contracts';
import { CreditsRepository, TasksRepository, UsersRepository } from '@gradekit/db';
import { ownerPrefix, type StorageDriver } from '@gradekit/storage';
import { WORKER_LOGGER } from '../common/logger.provider';
import { STORAGE } from '../common/storage.provider';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { HandlerRegistry } from '../handlers/handler.registry';
import type { HandlerContext } from '../handlers/operation-handler';
import { WorkerMetrics, type JobOutcomeStatus } from '../metrics/worker-metrics.service';
import { classifyJobError, errorSummary, internalTaskError, isLastAttempt } from './job-error.classifier';

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
 *  1. load the Task (absent → UnrecoverableError); already `completed` → return at once,
 *     so a duplicated or redelivered job never redoes work or writes a second History
 *     row; already failed/canceled → UnrecoverableError; else mark `processing`.
 *  2. run the op's handler; on success store result + History in one transaction.
 *  3. on error: an input error a retry cannot fix → fail + refund now, UnrecoverableError;
 *     anything else → rethrow for BullMQ's retry, and after the last attempt fail +
 *     refund first (the ledger makes the refund unique per task, so however often this
 *     runs the owner is refunded once).
 * Also owns the shutdown choreography of its in-flight jobs (drain / release).
 */
@Injectable()
export class TaskJobProcessor {
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private draining = false;
  private released = false;

  constructor(
    private readonly tasks: TasksRepository,
    private readonly credits: CreditsRepository,
    private readonly users: UsersRepository,
    private readonly registry: HandlerRegistry,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    private readonly metrics: WorkerMetrics,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  /** The BullMQ processor. `token` and `signal` are BullMQ's (lock token, per-job cancel). */
  process(job: TaskJob, token?: string, signal?: AbortSignal): Promise<TaskJobReturn> {
    if (this.draining) return this.handBack(job, token);
    const run = this.run(job, signal);
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Jobs this process is running right now. */
  get activeCount(): number {
    return this.inFlight.size;
  }

  /** From now on, jobs that still reach this process are handed straight back to the queue. */
  beginDrain(): void {
    this.draining = true;
  }

  /** Resolves true once no job is running, false if `timeoutMs` passes first. */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
      await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  /**
   * Past the shutdown grace: from now on a running job that fails leaves its task as
   * it is (`processing`, not failed, not refunded). The queue worker is force-closed
   * next, so the job's lock lapses and another worker picks it up again; then
   * `abortRunning` tells the handlers to stop.
   */
  release(): void {
    this.released = true;
  }

  /**
   * Aborts the signal every handler sees. Called only after the force-close, when
   * BullMQ no longer records outcomes: an aborted handler's error must not count as
   * a failed attempt.
   */
  abortRunning(): void {
    this.shutdown.abort(new Error('worker shutting down: job released to another worker'));
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
    this.logger.warn({ taskId, op: task.op, queue: job.queueName, refunded, reason: job.failedReason }, 'job failed outside its processor; task failed');
  }

  private async run(job: TaskJob, signal: AbortSignal | undefined): Promise<TaskJobReturn> {
    const started = performance.now();
    const record: JobRecord = { jobId: job.id, taskId: job.data?.taskId, op: job.name, queue: job.queueName, attempt: job.attemptsMade + 1, status: 'retried' };
    try {
      return await this.execute(job, record, signal);
    } finally {
      this.finish(record, started);
    }
  }

  private async execute(job: TaskJob, record: JobRecord, bullSignal: AbortSignal | undefined): Promise<TaskJobReturn> {
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
      // Database trouble before any work: BullMQ retries; after the last attempt the
      // `failed` listener (settleFailedJob) fails and refunds the task.
      record.status = last ? 'failed' : 'retried';
      record.error = errorSummary(error);
      throw error;
    }
    if (!task) {
      record.status = 'failed';
      throw new UnrecoverableError(`task ${taskId} does not exist`);
    }
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
      const signal = bullSignal ? AbortSignal.any([bullSignal, this.shutdown.signal]) : this.shutdown.signal;
      const outcome = await handler.run(this.contextFor(task, job, record.attempt, signal));
      const refund = outcome.refundCredits ? { amount: outcome.refundCredits, reason: `refund:${task.op}:partial` } : undefined;
      await this.tasks.complete(task, this.json(outcome.result), outcome.history ?? null, new Date(), refund);
      record.status = 'completed';
      return { taskId, status: 'completed' };
    } catch (error) {
      record.error = errorSummary(error);
      if (this.released) {
        // Force-closed at shutdown: leave the task alone; the job goes back to the queue.
        record.status = 'retried';
        record.note = 'released at shutdown';
        throw error;
      }
      if (await this.ownerDeletedDuringRun(task)) {
        // Nothing to fail or refund (the rows went with the owner), but files the handler
        // wrote after the owner's storage was cleared would be orphans: clear it again.
        await this.storage.deletePrefix(ownerPrefix(task.userId)).catch((cleanup: unknown) => {
          this.logger.error({ taskId, userId: task.userId, err: errorSummary(cleanup) }, 'owner deleted during the job: its outputs could not be removed');
        });
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

  /**
   * True when the task's row and its owner are both gone: a user deleted while one of
   * their jobs ran (tasks are deleted only with their owner). False on any doubt,
   * a database error included, so the usual retry path takes over.
   */
  private async ownerDeletedDuringRun(task: Task): Promise<boolean> {
    try {
      return (await this.tasks.findForProcessing(task.id)) === null && (await this.users.findById(task.userId)) === null;
    } catch {
      return false;
    }
  }

  private contextFor(task: Task, job: TaskJob, attempt: number, signal: AbortSignal): HandlerContext {
    const inputs = stringRecord(task.inputs);
    return {
      task: { id: task.id, userId: task.userId, op: task.op as OperationName, params: objectRecord(task.params), inputs, attempt },
      storage: this.storage,
      signal,
      logger: this.logger.child({ taskId: task.id, op: task.op }),
      loadInput: (role: string) => this.loadInput(inputs, role),
      reportProgress: (percent: number) => this.reportProgress(task.id, job, percent),
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

  /** A job that reached a draining worker goes back to the queue untouched (no attempt counted). */
  private async handBack(job: TaskJob, token: string | undefined): Promise<never> {
    await job.moveToDelayed(Date.now(), token);
    this.logger.info({ jobId: job.id, taskId: job.data?.taskId, queue: job.queueName }, 'job handed back: worker is shutting down');
    throw new DelayedError();
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

function objectRecord(value: Prisma.JsonValue): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringRecord(value: Prisma.JsonValue): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [role, key] of Object.entries(objectRecord(value))) if (typeof key === 'string') out[role] = key;
  return out;
}
