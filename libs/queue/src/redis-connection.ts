import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ and the api's counters. BullMQ workers need
 * `maxRetriesPerRequest: null` (blocking commands must not time out); the same
 * setting is harmless elsewhere. Each Queue/Worker/QueueEvents gets its own
 * connection because QueueEvents and Workers block theirs.
 */
export function createRedisConnection(redisUrl: string, name: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: `gradekit:${name}`, lazyConnect: false });
}
