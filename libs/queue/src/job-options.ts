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

/** The custom backoff type of webhook jobs: the hooks Worker's backoffStrategy computes the schedule's delay. */
export const WEBHOOK_BACKOFF_TYPE = 'webhook-schedule';

/**
 * Options for a webhook delivery job: one BullMQ attempt per HTTP attempt, as many as
 * the schedule has entries (`attempts`), the delays from the hooks worker's strategy
 * (Standard Webhooks' schedule, jittered, Retry-After honoured). The job id is the
 * delivery's run (`webhookJobId`), so a redelivery is a new job and a duplicated
 * enqueue of the same run is a no-op.
 */
export function webhookJobOptions(jobId: string, attempts: number): JobsOptions {
  return {
    jobId,
    attempts,
    backoff: { type: WEBHOOK_BACKOFF_TYPE },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}
