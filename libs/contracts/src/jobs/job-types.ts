import { OPERATION_CATALOG, type OperationName } from '../operations/operation-catalog';
import type { QueueName } from '../queues/queue-names';
import type { WebhookJobData } from '../features/webhooks/webhook-event';

/**
 * Every BullMQ job, as one typed union. Payloads carry ids only: pixels travel
 * through storage and state lives in Postgres, so a job can be retried or
 * duplicated without carrying stale data. A task job's jobId is the task id; a
 * webhook job's is its delivery id and run (`webhookJobId`).
 */
export interface TaskJobData {
  taskId: string;
}

export const WEBHOOK_JOB = 'webhook.deliver' as const;

export type JobPayloads = { [Name in OperationName]: TaskJobData } & {
  [WEBHOOK_JOB]: WebhookJobData;
};

export type JobName = keyof JobPayloads;

/** Static job → queue map, derived from the catalog so the two cannot disagree. */
export function queueOfJob(name: JobName): QueueName {
  if (name === WEBHOOK_JOB) return 'hooks';
  return OPERATION_CATALOG[name as OperationName].queue;
}
