import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@gradekit/contracts';
import type { GradekitRequest } from '../common/request-context';
import { RateLimiter } from './rate-limiter.service';

/**
 * Second global guard: counts the request against the caller's per-minute (per
 * API key or session) and per-month (per user) limits from their plan, sets the
 * X-RateLimit-* headers on every authenticated response, and answers 429 with
 * Retry-After when a window is used up. Anonymous (public) requests are not counted.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<GradekitRequest>();
    const principal = req.principal;
    if (!principal) return true;
    const res = context.switchToHttp().getResponse<Response>();
    const credentialId = principal.apiKeyId ?? principal.sessionId ?? principal.user.id;
    const { plan } = principal.user;
    const state = await this.limiter.hit(credentialId, principal.user.id, plan.requestsPerMinute, plan.requestsPerMonth);
    res.setHeader('X-RateLimit-Limit', state.minute.limit);
    res.setHeader('X-RateLimit-Remaining', state.minute.remaining);
    res.setHeader('X-RateLimit-Reset', state.minute.resetAt);
    res.setHeader('X-RateLimit-Monthly-Limit', state.month.limit);
    res.setHeader('X-RateLimit-Monthly-Remaining', state.month.remaining);
    res.setHeader('X-RateLimit-Monthly-Reset', state.month.resetAt);
    const exceeded = state.minute.exceeded ? state.minute : state.month.exceeded ? state.month : null;
    if (exceeded) {
      const retryAfter = Math.max(1, exceeded.resetAt - Math.floor(Date.now() / 1000));
      throw new DomainError('RATE_LIMITED', state.minute.exceeded ? 'Rate limit exceeded: too many requests this minute' : 'Monthly request limit reached', [
        { message: `Retry after ${retryAfter} s`, limit: exceeded.limit, window: state.minute.exceeded ? 'minute' : 'month', retry_after: retryAfter },
      ]);
    }
    return true;
  }
}
