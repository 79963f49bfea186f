import type { JobsOptions } from 'bullmq';

/**
 * Options for every task job. jobId = task id, so a duplicated enqueue of the same
 * task is a no-op in BullMQ; retries back off exponentially; finished jobs are kept
 * briefly for QueueEvents and stats, then trimmed (Postgres keeps the task).
 */
export function taskJobOptions(taskId: string, attempts: number): JobsOptions {
  return {
    jobId: taskId,
    attempts,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 24 * 3600, count: 10_000 },
  };
}
