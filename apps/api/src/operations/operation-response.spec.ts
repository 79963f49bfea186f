import { etaSeconds } from './operation-response';

describe('a task’s ETA', () => {
  const startedAt = new Date('2026-12-04T10:00:00Z');
  const now = startedAt.getTime() + 30_000;

  it('extrapolates the time so far over the progress', () => {
    expect(etaSeconds({ status: 'processing', progress: 25, startedAt }, now)).toBe(90);
    expect(etaSeconds({ status: 'processing', progress: 75, startedAt }, now)).toBe(10);
  });

  it('is null until there is progress to extrapolate, and once the task is not running', () => {
    expect(etaSeconds({ status: 'processing', progress: 0, startedAt }, now)).toBeNull();
    expect(etaSeconds({ status: 'queued', progress: 0, startedAt: null }, now)).toBeNull();
    expect(etaSeconds({ status: 'completed', progress: 100, startedAt }, now)).toBeNull();
  });
});
