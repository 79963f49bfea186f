import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { Queue, type Job } from 'bullmq';
import { Client } from 'pg';
import sharp from 'sharp';
import { startStack, type E2eStack, type E2eWorker } from '../support/e2e-stack';
import { eventually } from '../support/eventually';
import { bootstrapAdmin, type ApiClient } from './api-client';

interface LogLine {
  msg: string;
  taskId?: string;
  status?: string;
  note?: string;
  signal?: string;
  jobId?: string;
}

/** Effects that cost seconds on a 12 MP image: blurs at several radii plus per-pixel grain. */
const SLOW_EFFECTS = { bloom: { strength: 60, threshold: 0.5, radius: 0.05 }, halation: { strength: 60, threshold: 0.5, radius: 0.03 }, grain: { amount: 40 } };

function logLines(worker: E2eWorker): LogLine[] {
  return readFileSync(worker.log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The BullMQ worker name of a worker process (QueueWorkers names it host:pid): who a job is processedBy. */
const nameOf = (worker: E2eWorker) => `${hostname()}:${worker.child.pid}`;

function exitOf(worker: E2eWorker): Promise<number | null> {
  return new Promise((resolve) => worker.child.once('exit', (code) => resolve(code)));
}

/**
 * The drain proof: two worker processes on one queue; one is sent SIGTERM (it finishes
 * its job and takes no other), the other SIGKILL, both mid-job; a third takes over and
 * is sent SIGTERM with no grace (its running job goes back to the queue at once); a
 * fourth finishes the rest. Every task ends completed, run to completion once, charged
 * once, never refunded, with no attempt used up.
 */
describe('two workers on one queue: SIGTERM and SIGKILL mid-job', () => {
  const TASKS = 8;
  let stack: E2eStack;
  let admin: ApiClient;
  let queue: Queue;
  let db: Client;

  beforeAll(async () => {
    // 202 at once; one job at a time per worker; short locks so the killed worker's job is taken over within seconds
    // (8 s, not less: the effects hold the event loop for a few seconds, and a lock must outlive that to be renewed).
    stack = await startStack({ workers: 2, env: { SYNC_TIMEOUT_MS: '0', WORKER_CONCURRENCY: '1', JOB_LOCK_MS: '8000', JOB_STALLED_INTERVAL_MS: '1000', SHUTDOWN_GRACE_MS: '60000' } });
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
    queue = new Queue('image', { connection: { url: stack.env.REDIS_URL }, prefix: stack.env.QUEUE_PREFIX });
    db = new Client({ connectionString: stack.db.url });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await queue?.close();
    await stack?.stop();
  });

  /** The job `worker` is running now (waits until it runs one). */
  async function activeJobOf(worker: E2eWorker): Promise<Job> {
    return eventually(async () => {
      const job = (await queue.getJobs(['active'])).find((candidate) => candidate.processedBy === nameOf(worker));
      expect(job).toBeDefined();
      return job!;
    }, 60_000, 20);
  }

  it('loses no job, runs none twice and charges each once', async () => {
    // A big image and spatial film effects (bloom, halation, grain over 12 MP), so each job runs for
    // seconds and is still running when its worker is signalled (an analyze shrinks on load: too quick).
    const big = await sharp(path.resolve(__dirname, '..', 'fixtures', 'photos', 'retina.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg().toBuffer();
    const upload = await admin.post<{ key: string }>('/api/v1/storage/upload', { data: big.toString('base64') });
    expect(upload.status).toBe(200);
    const before = (await admin.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    const taskIds: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const accepted = await admin.post<{ task_id: string }>('/api/v1/film-effects/apply', { image_key: upload.body.key, effects: SLOW_EFFECTS });
      expect(accepted.status).toBe(202);
      taskIds.push(accepted.body.task_id);
    }

    // Both workers mid-job: the first is asked to stop, the second dies.
    const [graceful, killed] = stack.workers;
    const [finishing, orphaned] = await Promise.all([activeJobOf(graceful), activeJobOf(killed)]);
    const gracefulExit = exitOf(graceful);
    const killedExit = exitOf(killed);
    graceful.child.kill('SIGTERM');
    killed.child.kill('SIGKILL');
    await killedExit;
    expect(await gracefulExit).toBe(0);
    // SIGTERM: the running job finished here, and no other was taken after the signal.
    expect(await (await queue.getJob(finishing.id!))!.getState()).toBe('completed');
    const gracefulLines = logLines(graceful);
    const afterSignal = gracefulLines.slice(gracefulLines.findIndex((line) => line.msg === 'shutdown requested'));
    expect(afterSignal.filter((line) => line.msg === 'job finished').map((line) => [line.taskId, line.status])).toEqual([[finishing.id, 'completed']]);

    // A third worker takes over (the killed worker's job once its lock lapses) and is stopped with no grace:
    // its running job goes back to the queue at once — not failed, not left for its lock to lapse.
    const impatient = await stack.spawnWorker({ SHUTDOWN_GRACE_MS: '0' });
    const released = await activeJobOf(impatient);
    const impatientExit = exitOf(impatient);
    impatient.child.kill('SIGTERM');
    expect(await impatientExit).toBe(0);
    const releases = logLines(impatient).filter((line) => line.msg === 'job released to another worker: shutdown grace over');
    expect(releases.map((line) => line.jobId)).toEqual([released.id]);
    expect(['waiting', 'delayed', 'prioritized']).toContain(await (await queue.getJob(released.id!))!.getState());

    // A fourth finishes everything.
    const last = await stack.spawnWorker();
    await eventually(async () => {
      const { rows } = await db.query<{ status: string }>(`SELECT status FROM tasks WHERE id = ANY($1::uuid[])`, [taskIds]);
      expect(rows.map((row) => row.status)).toEqual(taskIds.map(() => 'completed'));
    }, 180_000, 250);

    // Run to completion once each, across every worker that ever ran.
    const completions = [graceful, killed, impatient, last].flatMap(logLines).filter((line) => line.msg === 'job finished' && line.status === 'completed');
    for (const taskId of taskIds) {
      const runs = completions.filter((line) => line.taskId === taskId);
      expect(runs.map((line) => [line.taskId, line.note])).toEqual([[taskId, undefined]]); // one run, not a no-op duplicate
    }
    // Charged once, refunded never; no attempt used up by the kills and releases.
    const { rows: ledger } = await db.query<{ task_id: string; kind: string; amount: number }>(`SELECT task_id, kind, amount FROM credit_ledger WHERE task_id = ANY($1::uuid[]) ORDER BY task_id`, [taskIds]);
    expect(ledger.map((row) => [row.kind, row.amount])).toEqual(taskIds.map(() => ['charge', -1]));
    expect(new Set(ledger.map((row) => row.task_id)).size).toBe(TASKS);
    const { rows: attempts } = await db.query<{ attempts: number }>(`SELECT attempts FROM tasks WHERE id = ANY($1::uuid[])`, [taskIds]);
    expect(attempts.map((row) => row.attempts)).toEqual(taskIds.map(() => 1));
    const after = (await admin.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    expect(after).toBe(before - TASKS);
    // The killed worker's job was taken over as a stall; the released one was not (a second stall would fail it).
    expect((await queue.getJob(orphaned.id!))!.stalledCounter).toBe(1);
    const releasedJob = (await queue.getJob(released.id!))!;
    expect(await releasedJob.getState()).toBe('completed');
    expect(releasedJob.attemptsMade).toBe(1);
  }, 300_000);
});
