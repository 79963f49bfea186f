import { loadWorkerConfig } from './index';

describe('worker config: jobs nobody owns', () => {
  it('has defaults that leave the enqueue and the missing-row releases well before the reconciler', () => {
    const config = loadWorkerConfig({});
    expect(config.missingTask).toEqual({ releases: 5, releaseDelayMs: 1000 });
    expect(config.stuckTasks).toEqual({ sweepMs: 60_000, afterMs: 600_000 });
    // 1 + 2 + 4 + 8 + 16 s of releases end long before a task counts as stuck.
    expect(config.missingTask.releaseDelayMs * (2 ** config.missingTask.releases - 1)).toBeLessThan(config.stuckTasks.afterMs);
  });

  it('reads and bounds the variables', () => {
    const config = loadWorkerConfig({ MISSING_TASK_RELEASES: '0', MISSING_TASK_RELEASE_DELAY_MS: '50', STUCK_TASK_SWEEP_MS: '0', STUCK_TASK_AFTER_MS: '5000' });
    expect(config.missingTask).toEqual({ releases: 0, releaseDelayMs: 50 });
    expect(config.stuckTasks).toEqual({ sweepMs: 0, afterMs: 5000 });
    expect(() => loadWorkerConfig({ MISSING_TASK_RELEASES: '-1' })).toThrow(/MISSING_TASK_RELEASES must be between 0 and 50/);
    expect(() => loadWorkerConfig({ STUCK_TASK_AFTER_MS: '10' })).toThrow(/STUCK_TASK_AFTER_MS must be between 1000/);
  });
});
