import type { MissingTaskConfig } from '@gradekit/config';

/** What to do with a job whose Task row this worker's database does not have. */
export type MissingTaskVerdict =
  | { action: 'release'; delayMs: number; releases: number }
  | { action: 'discard'; releases: number };

/**
 * A job whose task is absent is released back to the queue, not failed: the row may not be
 * visible yet, or the job may belong to another deployment on the same Redis and prefix
 * (whose own workers can then take it). Nothing in Postgres is touched either way — this
 * database has no such task to fail or refund. After `releases` releases (delays doubling
 * from `releaseDelayMs`) the job is discarded into BullMQ's failed set, still without
 * touching Postgres: a task that appears later is the stuck-task reconciler's.
 *
 * The count is BullMQ's own: `attemptsStarted` counts every start, `attemptsMade` only the
 * starts that ended in an attempt, so the difference (less this start) counts the starts
 * that were handed back — these releases, and any shutdown hand-backs or stalls. No extra
 * state is kept, and a release never uses up an attempt.
 */
export function missingTaskVerdict(job: { attemptsStarted: number; attemptsMade: number }, policy: MissingTaskConfig): MissingTaskVerdict {
  const releases = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
  if (releases >= policy.releases) return { action: 'discard', releases };
  return { action: 'release', delayMs: policy.releaseDelayMs * 2 ** releases, releases };
}
