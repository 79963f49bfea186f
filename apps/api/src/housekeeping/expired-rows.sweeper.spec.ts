import type { Logger } from 'pino';
import { loadApiConfig } from '@gradekit/config';
import type { IdempotencyRepository, SessionsRepository } from '@gradekit/db';
import { ExpiredRowsSweeper } from './expired-rows.sweeper';

describe('ExpiredRowsSweeper schedule', () => {
  // The repositories are the adapter boundary: stubs that count calls.
  const sessions = { deleteExpired: jest.fn(async () => 2) };
  const idempotency = { deleteExpired: jest.fn(async () => 0) };
  const logger = { info: jest.fn(), warn: jest.fn() } as unknown as Logger;
  const sweeper = (minutes: string) =>
    new ExpiredRowsSweeper(
      sessions as unknown as SessionsRepository,
      idempotency as unknown as IdempotencyRepository,
      loadApiConfig({ DATABASE_URL: 'postgresql://x@127.0.0.1/x', EXPIRED_ROWS_SWEEP_MINUTES: minutes }),
      logger,
    );

  beforeEach(() => {
    jest.useFakeTimers();
    jest.clearAllMocks();
  });
  afterEach(() => jest.useRealTimers());

  it('sweeps every interval after start, not at start, and stops at shutdown', async () => {
    const s = sweeper('30');
    s.onApplicationBootstrap();
    expect(sessions.deleteExpired).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(30 * 60_000);
    expect(sessions.deleteExpired).toHaveBeenCalledTimes(1);
    expect(idempotency.deleteExpired).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(30 * 60_000);
    expect(sessions.deleteExpired).toHaveBeenCalledTimes(2);
    s.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(120 * 60_000);
    expect(sessions.deleteExpired).toHaveBeenCalledTimes(2);
  });

  it('never sweeps when set to 0, and a failed sweep waits for the next one', async () => {
    const off = sweeper('0');
    off.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(sessions.deleteExpired).not.toHaveBeenCalled();

    sessions.deleteExpired.mockRejectedValueOnce(new Error('database down'));
    const on = sweeper('10');
    on.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(sessions.deleteExpired).toHaveBeenCalledTimes(2);
    on.onApplicationShutdown();
  });
});
