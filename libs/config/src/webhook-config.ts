import type { EnvReader } from './env-reader';

/**
 * Webhook delivery settings, read by both apps: the worker delivers, the api checks
 * `webhook_url` at request time and enqueues redeliveries (same schedule, same guard).
 */
export interface WebhookConfig {
  /**
   * Delay before each attempt, in ms: the first is the initial send (0 = at once), the
   * length is the number of attempts. Standard Webhooks' schedule by default.
   */
  retryScheduleMs: number[];
  /** ±fraction of each delay added at random, so retries of many deliveries don't arrive in step. */
  jitter: number;
  /** Whole-request limit of one attempt (connect, send, answer). */
  timeoutMs: number;
  /** Hosts a webhook may target although they are not public (tests, on-prem receivers): host or host:port. */
  allowHosts: string[];
  /** How long the previous secret keeps signing after a rotation. */
  secretOverlapMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Standard Webhooks' recommended schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const STANDARD_WEBHOOK_SCHEDULE_MS: readonly number[] = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];

const UNITS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR };

/** `0,5s,5m,2h` (a bare number is ms) → milliseconds; null when an item is not a duration. */
export function parseDurationList(items: string[]): number[] | null {
  const out: number[] = [];
  for (const item of items) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(item);
    if (!match) return null;
    out.push(Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']!));
  }
  return out;
}

export function readWebhookConfig(reader: EnvReader): WebhookConfig {
  const raw = reader.list('WEBHOOK_RETRY_SCHEDULE');
  let retryScheduleMs = [...STANDARD_WEBHOOK_SCHEDULE_MS];
  if (raw.length > 0) {
    const parsed = parseDurationList(raw);
    if (!parsed || parsed.length > 25) reader.fail(`WEBHOOK_RETRY_SCHEDULE must be 1–25 durations like 0,5s,5m,2h (got "${raw.join(',')}")`);
    else retryScheduleMs = parsed;
  }
  const jitterPercent = reader.int('WEBHOOK_RETRY_JITTER_PERCENT', 10, { min: 0, max: 50 });
  return {
    retryScheduleMs,
    jitter: jitterPercent / 100,
    timeoutMs: reader.int('WEBHOOK_TIMEOUT_MS', 15_000, { min: 100, max: 120_000 }),
    allowHosts: reader.list('WEBHOOK_ALLOW_HOSTS'),
    secretOverlapMs: reader.int('WEBHOOK_SECRET_OVERLAP_HOURS', 24, { min: 0, max: 24 * 30 }) * HOUR,
  };
}
