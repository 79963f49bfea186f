import { DelayedError } from 'bullmq';
import { dependencyOutage } from '@gradekit/contracts';
import type { TaskJob } from './task-job.processor';

/** How long a job met by a database outage waits before it is tried again (a reconnect cycle or two). */
export const DATABASE_OUTAGE_POSTPONE_MS = 2000;

/**
 * A job whose task could not be read or stored because Postgres is down is not the
 * job's fault: it goes back to the queue for DATABASE_OUTAGE_POSTPONE_MS with no attempt
 * used (BullMQ's attempts would run out within seconds of an outage and fail tasks that
 * would have succeeded a moment later). Resolves false when the error is not a database
 * outage, or when the job cannot be moved (Redis is down too: its lock then lapses and
 * BullMQ's stall check hands it on). Otherwise calls `onPostponed` (the caller's
 * bookkeeping) and throws DelayedError, as BullMQ expects.
 */
export async function postponeOnDatabaseOutage(error: unknown, job: TaskJob, token: string | undefined, onPostponed?: () => void): Promise<false> {
  if (dependencyOutage(error) !== 'database') return false;
  try {
    await job.moveToDelayed(Date.now() + DATABASE_OUTAGE_POSTPONE_MS, token);
  } catch {
    return false;
  }
  onPostponed?.();
  throw new DelayedError();
}
