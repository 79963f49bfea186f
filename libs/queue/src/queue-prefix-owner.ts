import type { Redis } from 'ioredis';

/** The key naming the deployment (its database) that owns a queue prefix. Beside BullMQ's `<prefix>:<queue>:…` keys; no queue is called `deployment`. */
export function deploymentMarkerKey(prefix: string): string {
  return `${prefix}:deployment`;
}

/** Another deployment (another database) already uses this queue prefix. */
export class QueuePrefixInUseError extends Error {
  constructor(
    readonly prefix: string,
    readonly owner: string,
    readonly deploymentId: string,
  ) {
    super(
      `QUEUE_PREFIX "${prefix}" is already used by another deployment (database ${owner}; this one is ${deploymentId}). ` +
        `Its workers would take this deployment's jobs and find no task for them. Give each deployment its own QUEUE_PREFIX ` +
        `(or, if that deployment is gone for good, delete the Redis key "${deploymentMarkerKey(prefix)}").`,
    );
    this.name = 'QueuePrefixInUseError';
  }
}

/**
 * Claims `prefix` for the deployment whose database is `deploymentId` (SET NX: the first
 * process of a deployment writes it, every later one reads it), or throws
 * QueuePrefixInUseError when the key names another database. Called by the worker before
 * it consumes and by the api before it enqueues, so two deployments sharing Redis and a
 * prefix refuse to start instead of running (and failing) each other's jobs.
 */
export async function claimQueuePrefix(redis: Redis, prefix: string, deploymentId: string, timeoutMs = 5000): Promise<void> {
  // The apps' connections retry without end (BullMQ needs that): an unreachable Redis must fail the claim, not hang the start.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`claiming QUEUE_PREFIX "${prefix}" timed out after ${timeoutMs} ms (Redis unreachable?)`)), timeoutMs)));
  try {
    await Promise.race([claim(redis, prefix, deploymentId), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function claim(redis: Redis, prefix: string, deploymentId: string): Promise<void> {
  const key = deploymentMarkerKey(prefix);
  const set = await redis.set(key, deploymentId, 'NX');
  if (set === 'OK') return;
  const owner = await redis.get(key);
  // Deleted between the two calls (an operator's reset): claim again.
  if (owner === null) return claim(redis, prefix, deploymentId);
  if (owner !== deploymentId) throw new QueuePrefixInUseError(prefix, owner, deploymentId);
}
