import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@gradekit/config';
import { createRedisConnection } from '@gradekit/queue';
import { API_CONFIG } from '../config/api-config.provider';

export const REDIS = Symbol('REDIS');

/** The api's shared Redis connection for counters (rate limits, login throttling). */
export const redisProvider: Provider = {
  provide: REDIS,
  inject: [API_CONFIG],
  useFactory: (config: ApiConfig) => createRedisConnection(config.redisUrl, 'api', 'failFast'),
};

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
