import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@gradekit/config';
import { API_CONFIG } from '../config/api-config.provider';
import { REDIS } from '../queue/redis.provider';

export interface WindowState {
  limit: number;
  remaining: number;
  /** Unix time (seconds) when the window resets. */
  resetAt: number;
  exceeded: boolean;
}

export interface RateLimitState {
  minute: WindowState;
  month: WindowState;
}

/**
 * Fixed-window request counters in Redis: one per credential per minute, one per
 * user per calendar month (UTC). Counting is one round trip (INCR + EXPIRE NX for
 * both windows in a pipeline), so it adds little to every request.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async hit(credentialId: string, userId: string, perMinute: number, perMonth: number, now = Date.now()): Promise<RateLimitState> {
    const minuteStart = Math.floor(now / 60_000) * 60_000;
    const minuteKey = `${this.config.queuePrefix}:rl:min:${credentialId}:${minuteStart}`;
    const date = new Date(now);
    const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const monthKey = `${this.config.queuePrefix}:rl:mon:${userId}:${date.getUTCFullYear()}-${date.getUTCMonth() + 1}`;
    const results = await this.redis
      .multi()
      .incr(minuteKey)
      .pexpire(minuteKey, 61_000, 'NX')
      .incr(monthKey)
      .pexpireat(monthKey, monthEnd + 3_600_000, 'NX')
      .exec();
    const minuteCount = Number(results?.[0]?.[1] ?? 0);
    const monthCount = Number(results?.[2]?.[1] ?? 0);
    return {
      minute: windowState(perMinute, minuteCount, Math.ceil((minuteStart + 60_000) / 1000)),
      month: windowState(perMonth, monthCount, Math.ceil(monthEnd / 1000)),
    };
  }
}

function windowState(limit: number, count: number, resetAt: number): WindowState {
  return { limit, remaining: Math.max(0, limit - count), resetAt, exceeded: count > limit };
}
