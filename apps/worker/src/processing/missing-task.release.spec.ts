import { missingTaskVerdict } from './missing-task.release';

describe('missingTaskVerdict', () => {
  const policy = { releases: 3, releaseDelayMs: 1000 };

  it('releases with doubling delays, then discards', () => {
    expect(missingTaskVerdict({ attemptsStarted: 1, attemptsMade: 0 }, policy)).toEqual({ action: 'release', delayMs: 1000, releases: 0 });
    expect(missingTaskVerdict({ attemptsStarted: 2, attemptsMade: 0 }, policy)).toEqual({ action: 'release', delayMs: 2000, releases: 1 });
    expect(missingTaskVerdict({ attemptsStarted: 3, attemptsMade: 0 }, policy)).toEqual({ action: 'release', delayMs: 4000, releases: 2 });
    expect(missingTaskVerdict({ attemptsStarted: 4, attemptsMade: 0 }, policy)).toEqual({ action: 'discard', releases: 3 });
  });

  it('counts only the starts that were handed back, not attempts', () => {
    // Two failed attempts (retries) and one release: one release so far.
    expect(missingTaskVerdict({ attemptsStarted: 4, attemptsMade: 2 }, policy)).toEqual({ action: 'release', delayMs: 2000, releases: 1 });
  });

  it('discards at once when no release is allowed', () => {
    expect(missingTaskVerdict({ attemptsStarted: 1, attemptsMade: 0 }, { releases: 0, releaseDelayMs: 1000 })).toEqual({ action: 'discard', releases: 0 });
  });
});
