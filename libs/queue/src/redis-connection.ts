import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * BullMQ connection options from a redis:// or rediss:// URL. BullMQ is given
 * options (not a connection) so each Queue, Worker and QueueEvents owns its
 * connection and closes it on close().
 */
export function bullConnection(redisUrl: string, name: string, mode: RedisMode = 'patient'): ConnectionOptions {
  return { url: redisUrl, connectionName: `gradekit:${name}`, ...MODE_OPTIONS[mode] };
}

/**
 * How a connection meets a Redis outage. `patient` (workers, QueueEvents: BullMQ's
 * blocking commands need it) queues commands until Redis is back. `failFast` (the
 * api's counters and job producers, which a client waits on) fails a command after
 * one reconnect attempt or 2 s, so the request answers 503 DEPENDENCY_UNAVAILABLE
 * instead of hanging for as long as the outage lasts.
 */
export type RedisMode = 'patient' | 'failFast';

const MODE_OPTIONS = {
  patient: { maxRetriesPerRequest: null },
  // Reconnect every ≤ 0.5 s (ioredis backs off to 2 s): the api answers again soon after Redis is back.
  failFast: { maxRetriesPerRequest: 1, commandTimeout: 2000, retryStrategy: (times: number) => Math.min(times * 100, 500) },
} as const;

/** A Redis connection for the app's own use (counters, markers); the caller closes it. */
export function createRedisConnection(redisUrl: string, name: string, mode: RedisMode = 'patient'): Redis {
  return new Redis(redisUrl, { ...MODE_OPTIONS[mode], enableReadyCheck: true, connectionName: `gradekit:${name}` });
}
