import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { API_CONFIG } from '../config/api-config.provider';
import { REDIS } from '../queue/redis.provider';

/**
 * Password-guessing brake: fixed-window counters in Redis per account and per
 * client IP (LOGIN_MAX_ATTEMPTS_PER_ACCOUNT / _PER_IP per LOGIN_WINDOW_SECONDS).
 * Every attempt counts, and a used-up window refuses even the right password, so
 * a guesser learns nothing until it ends. The check runs before the password hash
 * is computed, which also keeps scrypt from being used to burn the api's CPU.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * Counts one attempt against `account` (when given) and `ip`; throws 429
   * RATE_LIMITED, with `retry_after` seconds in its details, when either limit is passed.
   */
  async hit(account: string | null, ip: string): Promise<void> {
    const { maxAttemptsPerAccount, maxAttemptsPerIp, windowSeconds } = this.config.login;
    const counters = [
      { key: this.key('ip', ip), limit: maxAttemptsPerIp, scope: 'ip' },
      ...(account ? [{ key: this.key('acct', account), limit: maxAttemptsPerAccount, scope: 'account' }] : []),
    ];
    const pipeline = this.redis.multi();
    for (const counter of counters) pipeline.incr(counter.key).expire(counter.key, windowSeconds, 'NX').pttl(counter.key);
    const results = (await pipeline.exec()) ?? [];
    for (const [index, counter] of counters.entries()) {
      const count = Number(results[index * 3]?.[1] ?? 0);
      if (count <= counter.limit) continue;
      const ttlMs = Number(results[index * 3 + 2]?.[1] ?? windowSeconds * 1000);
      const retryAfter = Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : windowSeconds * 1000) / 1000));
      throw new DomainError('RATE_LIMITED', `Too many login attempts for this ${counter.scope === 'ip' ? 'address' : 'account'}; try again in ${retryAfter} s`, [
        { message: `Retry after ${retryAfter} s`, scope: counter.scope, limit: counter.limit, window_seconds: windowSeconds, retry_after: retryAfter },
      ]);
    }
  }

  /** After a successful login: the owner should not stay close to a lock-out from earlier typos. */
  async clearAccount(account: string): Promise<void> {
    await this.redis.del(this.key('acct', account));
  }

  private key(scope: 'ip' | 'acct', id: string): string {
    return `${this.config.queuePrefix}:login:${scope}:${id}`;
  }
}
