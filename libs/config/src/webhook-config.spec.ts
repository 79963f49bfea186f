import { ConfigError } from './env-reader';
import { loadWorkerConfig } from './worker-config';
import { STANDARD_WEBHOOK_SCHEDULE_MS, parseDurationList } from './webhook-config';

describe('webhook config', () => {
  it("defaults to Standard Webhooks' schedule, 10 % jitter, a 15 s timeout and a 24 h secret overlap", () => {
    expect(loadWorkerConfig({}).webhooks).toEqual({ retryScheduleMs: [...STANDARD_WEBHOOK_SCHEDULE_MS], jitter: 0.1, timeoutMs: 15_000, allowHosts: [], secretOverlapMs: 24 * 3600 * 1000 });
  });

  it('reads WEBHOOK_RETRY_SCHEDULE as durations and the other variables', () => {
    const config = loadWorkerConfig({ WEBHOOK_RETRY_SCHEDULE: '0, 200ms, 1s,5m,2h,300', WEBHOOK_RETRY_JITTER_PERCENT: '0', WEBHOOK_TIMEOUT_MS: '500', WEBHOOK_ALLOW_HOSTS: '127.0.0.1:9000' });
    expect(config.webhooks).toMatchObject({ retryScheduleMs: [0, 200, 1000, 300_000, 7_200_000, 300], jitter: 0, timeoutMs: 500, allowHosts: ['127.0.0.1:9000'] });
  });

  it('refuses a schedule it cannot read', () => {
    expect(() => loadWorkerConfig({ WEBHOOK_RETRY_SCHEDULE: '0,5 minutes' })).toThrow(ConfigError);
    expect(parseDurationList(['5x'])).toBeNull();
  });
});
