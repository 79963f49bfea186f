import { DelayedError } from 'bullmq';
import type { Logger } from 'pino';
import type { TaskJob } from './task-job.processor';

/**
 * The shutdown side of job processing: which jobs this process is running, whether it
 * still takes new ones, and whether the running ones have been released to other
 * workers. QueueWorkers drives it at shutdown (beginDrain → whenIdle → release →
 * abortRunning); TaskJobProcessor consults it for every job. Kept apart from the job
 * lifecycle so each can be read (and changed) without the other.
 */
export class JobDrain {
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private draining = false;
  private released = false;

  constructor(private readonly logger: Logger) {}

  /** True once beginDrain was called: jobs reaching this process go back to the queue. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** True once release was called: a running job that fails leaves its task as it is. */
  get isReleased(): boolean {
    return this.released;
  }

  /** Aborted by abortRunning; every handler sees it (combined with BullMQ's own per-job signal). */
  get signal(): AbortSignal {
    return this.shutdown.signal;
  }

  /** Jobs this process is running right now. */
  get activeCount(): number {
    return this.inFlight.size;
  }

  /** Counts `run` as in flight until it settles; returns it unchanged. */
  track<T>(run: Promise<T>): Promise<T> {
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** A job that reached a draining worker goes back to the queue untouched (no attempt counted). */
  async handBack(job: TaskJob, token: string | undefined): Promise<never> {
    await job.moveToDelayed(Date.now(), token);
    this.logger.info({ jobId: job.id, taskId: job.data?.taskId, queue: job.queueName }, 'job handed back: worker is shutting down');
    throw new DelayedError();
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
}
