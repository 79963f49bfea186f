import { STANDARD_WEBHOOK_SCHEDULE_MS } from '@gradekit/config';
import { MAX_RETRY_AFTER_MS, honoursRetryAfter, judgeAttempt, parseRetryAfter, retryDelayMs } from './retry-schedule';

describe('judgeAttempt', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [410, 'gone'],
    [301, 'retry'], // 3xx is a failure: redirects are not followed
    [302, 'retry'],
    [308, 'retry'],
    [400, 'retry'],
    [404, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [null, 'retry'], // no answer: timeout, refused, SSRF guard
  ])('%s → %s', (status, verdict) => {
    expect(judgeAttempt(status)).toBe(verdict);
  });

  it('honours Retry-After only on 429 and 503', () => {
    expect([429, 503].every(honoursRetryAfter)).toBe(true);
    expect([200, 410, 500, 502, null].some(honoursRetryAfter)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T20:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Fri, 04 Dec 2026 20:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 19:00:00 GMT', now)).toBe(0);
  });

  it('caps at 24 h and ignores what it cannot read', () => {
    expect(parseRetryAfter(String(10 * 24 * 3600), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});

describe('retryDelayMs', () => {
  const plan = { scheduleMs: STANDARD_WEBHOOK_SCHEDULE_MS, jitter: 0 };

  it("follows Standard Webhooks' schedule: after the n-th failure, the (n+1)-th entry", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attemptsMade) => retryDelayMs(plan, attemptsMade));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000]);
    expect(STANDARD_WEBHOOK_SCHEDULE_MS[0]).toBe(0); // the first send is immediate
    expect(STANDARD_WEBHOOK_SCHEDULE_MS).toHaveLength(10);
  });

  it('jitters within ±jitter, at both ends of the random range', () => {
    const jittered = { scheduleMs: [0, 10_000], jitter: 0.1 };
    expect(retryDelayMs(jittered, 1, null, () => 0)).toBe(9_000);
    expect(retryDelayMs(jittered, 1, null, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(jittered, 1, null, () => 0.999999)).toBe(11_000);
    for (let i = 0; i < 200; i += 1) {
      const delay = retryDelayMs(jittered, 1);
      expect(delay).toBeGreaterThanOrEqual(9_000);
      expect(delay).toBeLessThanOrEqual(11_000);
    }
  });

  it('lets Retry-After push the next attempt later, never earlier', () => {
    expect(retryDelayMs(plan, 1, 60_000)).toBe(60_000);
    expect(retryDelayMs(plan, 2, 1_000)).toBe(300_000);
  });

  it('reuses the last entry past the end of the schedule', () => {
    expect(retryDelayMs({ scheduleMs: [0, 100, 200], jitter: 0 }, 7)).toBe(200);
  });
});
