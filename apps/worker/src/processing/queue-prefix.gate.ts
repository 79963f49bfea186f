import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import type { SettingsRepository } from '@gradekit/db';
import { claimQueuePrefix, createRedisConnection, QueuePrefixInUseError } from '@gradekit/queue';
import { errorSummary } from './job-error.classifier';

const RETRY_MS = 2000;

/**
 * Starts consuming only once the queue prefix is this database's (libs/queue
 * claimQueuePrefix): a worker must never take jobs of another deployment that shares
 * Redis and QUEUE_PREFIX. Resolves once the first claim settled:
 *  - claimed → `consume()` ran (the queues are consumed when this resolves);
 *  - another deployment's prefix → rejects with QueuePrefixInUseError (refuse to start);
 *  - Postgres or Redis unreachable → resolves anyway, so the health server answers
 *    (alive, not ready), and keeps trying every 2 s in the background; `fatal` then
 *    reports a conflict found later. `stop()` ends the background tries.
 */
export async function consumeOnceClaimed(
  config: WorkerConfig,
  settings: SettingsRepository,
  logger: Logger,
  consume: () => Promise<void>,
): Promise<{ fatal: Promise<Error>; stop(): void }> {
  let stopped = false;
  let reportFatal: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));
  const claim = async (): Promise<void> => {
    const redis = createRedisConnection(config.redisUrl, 'worker-prefix-claim');
    try {
      await claimQueuePrefix(redis, config.queuePrefix, await settings.deploymentId());
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  };
  const handle = { fatal, stop: () => void (stopped = true) };
  try {
    await claim();
  } catch (error) {
    if (error instanceof QueuePrefixInUseError) throw error;
    logger.warn({ prefix: config.queuePrefix, err: errorSummary(error) }, 'cannot check the queue prefix yet: not consuming until it is');
    void retryInBackground();
    return handle;
  }
  // Claimed: a failure to start consuming is the start's own (startWorker rejects), as without the gate.
  await consume();
  return handle;

  async function retryInBackground(): Promise<void> {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      if (stopped) return;
      try {
        await claim();
      } catch (error) {
        if (!(error instanceof QueuePrefixInUseError)) continue;
        logger.error({ prefix: config.queuePrefix, err: error.message }, 'queue prefix belongs to another deployment');
        reportFatal(error);
        return;
      }
      if (stopped) return;
      try {
        await consume();
        logger.info({ prefix: config.queuePrefix }, 'queue prefix checked: consuming');
      } catch (error) {
        reportFatal(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
  }

}
