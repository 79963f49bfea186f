import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * BullMQ connection options from a redis:// or rediss:// URL. BullMQ is given
 * options (not a connection) so each Queue, Worker and QueueEvents owns its
 * connection and closes it on close().
 */
export function bullConnection(redisUrl: string, name: string): ConnectionOptions {
  return { url: redisUrl, connectionName: `gradekit:${name}`, maxRetriesPerRequest: null };
}

/**
 * A Redis connection for the app's own use (counters); the caller closes it.
 * `maxRetriesPerRequest: null` is what BullMQ's blocking commands need, and
 * harmless elsewhere.
 */
export function createRedisConnection(redisUrl: string, name: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: `gradekit:${name}` });
}
