/**
 * Pure rules of webhook retries (Standard Webhooks): which answers end a delivery,
 * the delay before the next attempt, and Retry-After. No I/O, so the unit tests pin
 * them down exactly.
 */

/** What an attempt's answer means: 2xx delivered; 410 the endpoint is gone; anything else (3xx, 4xx, 5xx, no answer) is retried. */
export type AttemptVerdict = 'delivered' | 'gone' | 'retry';

export function judgeAttempt(statusCode: number | null): AttemptVerdict {
  if (statusCode !== null && statusCode >= 200 && statusCode <= 299) return 'delivered';
  if (statusCode === 410) return 'gone';
  return 'retry';
}

/** Statuses whose Retry-After is honoured (rate limited, temporarily unavailable). */
export function honoursRetryAfter(statusCode: number | null): boolean {
  return statusCode === 429 || statusCode === 503;
}

/** The longest Retry-After honoured: a receiver cannot park a delivery for longer than the schedule's longest gap. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** Retry-After as delta-seconds or an HTTP-date → ms from `now` (≥ 0, capped); null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/[a-z]/i.test(text) && Number.isFinite(Date.parse(text))) ms = Date.parse(text) - now;
  else return null;
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

export interface RetryPlan {
  /** Delays before each attempt, ms; index 0 is the first send. */
  scheduleMs: readonly number[];
  /** ±fraction of randomness on each delay. */
  jitter: number;
}

/**
 * Delay before the attempt that follows `attemptsMade` failed ones (BullMQ's count:
 * 1 after the first failure → the schedule's second entry). Jittered by ±jitter; a
 * Retry-After pushes it later, never earlier, so a receiver answering `Retry-After: 1`
 * cannot make us spend the whole schedule in seconds.
 */
export function retryDelayMs(plan: RetryPlan, attemptsMade: number, retryAfterMs: number | null = null, random: () => number = Math.random): number {
  const schedule = plan.scheduleMs;
  const base = schedule[Math.min(Math.max(attemptsMade, 0), schedule.length - 1)] ?? 0;
  const jittered = Math.max(0, Math.round(base * (1 + plan.jitter * (2 * random() - 1))));
  return retryAfterMs === null ? jittered : Math.max(jittered, retryAfterMs);
}
