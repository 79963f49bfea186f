import { DelayedError } from 'bullmq';
import { DATABASE_OUTAGE_POSTPONE_MS, postponeOnDatabaseOutage } from './dependency-postpone';
import type { TaskJob } from './task-job.processor';

/** A BullMQ job stubbed at its one method used here (the adapter boundary). */
function jobStub(move: (timestamp: number, token?: string) => Promise<void>): TaskJob {
  return { moveToDelayed: move } as unknown as TaskJob;
}

const outage = Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientKnownRequestError', code: 'P1001' });

describe('postponeOnDatabaseOutage', () => {
  it('moves the job back to the queue for the postpone delay with its lock token, and throws DelayedError', async () => {
    const calls: [number, string | undefined][] = [];
    const before = Date.now();
    await expect(postponeOnDatabaseOutage(outage, jobStub(async (timestamp, token) => void calls.push([timestamp, token])), 'tok')).rejects.toBeInstanceOf(DelayedError);
    expect(calls).toHaveLength(1);
    expect(calls[0]![1]).toBe('tok');
    expect(calls[0]![0]).toBeGreaterThanOrEqual(before + DATABASE_OUTAGE_POSTPONE_MS);
  });

  it("runs the caller's bookkeeping only when the job really went back", async () => {
    let marked = 0;
    await expect(postponeOnDatabaseOutage(outage, jobStub(async () => undefined), 'tok', () => marked++)).rejects.toBeInstanceOf(DelayedError);
    expect(await postponeOnDatabaseOutage(outage, jobStub(async () => Promise.reject(new Error('Connection is closed.'))), 'tok', () => marked++)).toBe(false);
    expect(await postponeOnDatabaseOutage(new Error('bad pixels'), jobStub(async () => undefined), 'tok', () => marked++)).toBe(false);
    expect(marked).toBe(1);
  });

  it('leaves every other error to the normal retry path', async () => {
    let moved = 0;
    expect(await postponeOnDatabaseOutage(new Error('bad pixels'), jobStub(async () => void moved++), 'tok')).toBe(false);
    expect(await postponeOnDatabaseOutage(Object.assign(new Error('unique'), { name: 'PrismaClientKnownRequestError', code: 'P2002' }), jobStub(async () => void moved++), 'tok')).toBe(false);
    expect(moved).toBe(0);
  });

  it('gives up (false) when the job cannot be moved: Redis is down too', async () => {
    expect(await postponeOnDatabaseOutage(outage, jobStub(async () => Promise.reject(new Error('Connection is closed.'))), 'tok')).toBe(false);
  });
});
