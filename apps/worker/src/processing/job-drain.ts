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
  /** Each running job's promise, with the job and its lock token (what release needs to hand it back). */
  private readonly inFlight = new Map<Promise<unknown>, { job: TaskJob; token: string | undefined }>();
  private draining = false;
  private released = false;
  private releasedJobs: { job: TaskJob; token: string | undefined }[] = [];

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

  /** Counts `run` (the processing of `job`) as in flight until it settles; returns it unchanged. */
  track<T>(run: Promise<T>, job: TaskJob, token: string | undefined): Promise<T> {
    this.inFlight.set(run, { job, token });
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
      await Promise.race([Promise.allSettled([...this.inFlight.keys()]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  /**
   * Past the shutdown grace: from now on a running job that fails leaves its task as
   * it is (`processing`, not failed, not refunded). Remembers the jobs running now for
   * `handBackReleased`. Synchronous, and called before the queue worker is force-closed:
   * a force-close may abort BullMQ's per-job signal, and the handler's error must then
   * already count as a release, not a failed attempt.
   */
  release(): void {
    this.released = true;
    this.releasedJobs = [...this.inFlight.values()];
  }

  /**
   * Hands each released job back to the queue (moved to delayed with its lock token: no
   * attempt counted, and no stall either — BullMQ fails a job that stalls more than once,
   * so a job released by two rolling restarts would otherwise be lost). Another worker
   * takes it at once. Called after the force-close, so no fetch of this worker that is
   * still in flight can take the job again (a paused worker's pending fetch does; that
   * left the job active here, for its lock to lapse into a stall). The closed worker's
   * connection is gone by then, so `reopen` finds each job over a live one. A job that
   * cannot be handed back (it finished meanwhile) is left to its lock.
   */
  async handBackReleased(reopen: (job: TaskJob) => Promise<TaskJob | undefined>): Promise<void> {
    await Promise.all(
      this.releasedJobs.map(async ({ job, token }) => {
        try {
          const live = await reopen(job);
          if (!live) throw new Error('the job is gone');
          await live.moveToDelayed(Date.now(), token);
          this.logger.info({ jobId: job.id, taskId: job.data?.taskId, queue: job.queueName }, 'job released to another worker: shutdown grace over');
        } catch (error) {
          this.logger.warn({ jobId: job.id, err: error instanceof Error ? error.message : String(error) }, 'could not hand the job back; its lock will lapse');
        }
      }),
    );
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
