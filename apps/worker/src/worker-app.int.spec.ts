import { Queue, Worker } from 'bullmq';
import { bullConnection, createRedisConnection, deploymentMarkerKey, taskJobOptions } from '@gradekit/queue';
import { Client } from 'pg';
import { TEST_REDIS_URL } from '../../../test/support/test-env';
import { adminUrl } from '../../../test/support/test-template-db';
import type { HandlerContext, HandlerOutcome, OperationHandler } from './operations/operation-handler';
import { replacing, WorkerTestBed, sleep } from './test-support/worker-test-bed';
import { startWorker } from './worker-app';

async function redisGet(key: string): Promise<string | null> {
  const redis = createRedisConnection(TEST_REDIS_URL, 'test-read');
  try {
    return await redis.get(key);
  } finally {
    await redis.quit();
  }
}

/** An `analyze` stand-in that works for `ms`, or until its signal aborts (then it throws, like a real handler would). */
class SlowHandler implements OperationHandler<'analyze'> {
  readonly op = 'analyze' as const;
  calls = 0;
  aborted = 0;

  constructor(private readonly ms: number) {}

  async run(ctx: HandlerContext<'analyze'>): Promise<HandlerOutcome> {
    this.calls++;
    await ctx.reportProgress(10);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, this.ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        this.aborted++;
        reject(new Error('aborted'));
      });
    });
    return { result: { slept: this.ms } as never, history: null }; // a stand-in result the tests read back
  }
}

// Jest ignores `testTimeout` inside `projects`; these tests wait on real queues and retries.
jest.setTimeout(30_000);

describe('worker application (start, health, shutdown)', () => {
  let bed: WorkerTestBed;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wapp');
  });
  afterAll(() => bed.close());

  it('refuses to start unless every catalog op has exactly one handler', async () => {
    await expect(startWorker(bed.config(), { handlers: () => [] })).rejects.toThrow(/no handler for: analyze/);
    await expect(startWorker(bed.config(), { handlers: (defaults) => [...defaults, ...defaults] })).rejects.toThrow(/more than one handler for: analyze/);
    const stray = { op: 'teleport', run: async () => ({ result: {} }) } as unknown as OperationHandler;
    await expect(startWorker(bed.config(), { handlers: (defaults) => [...defaults, stray] })).rejects.toThrow(/does not know: teleport/);
  });

  it('refuses to start on a queue prefix another database uses; the same database shares it', async () => {
    const QUEUE_PREFIX = `gkown${Date.now().toString(36)}`;
    const owner = await bed.start({ QUEUE_PREFIX });
    const sameDatabase = await bed.start({ QUEUE_PREFIX });
    const other = await WorkerTestBed.create('wappother');
    try {
      await expect(startWorker(other.config({ QUEUE_PREFIX }))).rejects.toThrow(new RegExp(`QUEUE_PREFIX "${QUEUE_PREFIX}" is already used by another deployment`));
      const marker = await redisGet(deploymentMarkerKey(QUEUE_PREFIX));
      expect(marker).toBe(await bed.prisma.setting.findUnique({ where: { key: 'deployment_id' } }).then((row) => row?.value));
      expect(marker).toMatch(/^[0-9a-f-]{36}$/); // an identity, not the database URL
    } finally {
      await other.close();
      await sameDatabase.close();
      await owner.close();
    }
  });

  it('serves /healthz, /readyz and /metrics on its own port', async () => {
    const { worker } = await bed.start();
    expect(worker.port).toBeGreaterThan(0);
    const live = await fetch(`${worker.url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${worker.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, redis: { status: 'ok' }, storage: { status: 'ok' }, queues: { status: 'ok' } },
      // The model runtime, informational: provider asked for and used, each manifest model (none loaded before a job).
      models: {
        requested_provider: 'cpu',
        provider: 'cpu',
        device: 'cpu',
        models: [
          { name: 'isnet', task: 'background-removal', loaded: false, runs: 0, mean_ms: 0, last_ms: 0 },
          { name: 'blazeface', task: 'face-detection', loaded: false, runs: 0, mean_ms: 0, last_ms: 0 },
        ],
      },
    });
    const metrics = await fetch(`${worker.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('# TYPE jobs_total counter');
    expect(text).toContain('# TYPE job_duration_seconds histogram');
    expect(text).toMatch(/process_cpu_seconds_total\{app="worker"\}/);
    const missing = await fetch(`${worker.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'No route for GET /nope', code: 'NOT_FOUND', details: [] });
    expect((await fetch(`${worker.url}/healthz`, { method: 'POST' })).status).toBe(405);

    await worker.close();
    await expect(fetch(`${worker.url}/healthz`)).rejects.toThrow();
  });

  it('answers /readyz 503 naming the failed dependency', async () => {
    const url = new URL(bed.db.url);
    url.pathname = '/gk_no_such_database';
    const { worker } = await bed.start({ DATABASE_URL: url.toString() });
    const ready = await fetch(`${worker.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe('unavailable');
    expect(body.checks.postgres).toEqual({ status: 'error', error: expect.stringMatching(/gk_no_such_database|does not exist/) });
    expect(body.checks.redis).toEqual({ status: 'ok' });
    expect(body.checks.storage).toEqual({ status: 'ok' });
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200); // alive, just not ready
  });

  it('without Postgres at start: alive, not consuming; consumes once the queue prefix can be claimed', async () => {
    const name = `gk_late_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const url = new URL(bed.db.url);
    url.pathname = `/${name}`;
    const { worker } = await bed.start({ DATABASE_URL: url.toString() });
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      const before = (await (await fetch(`${worker.url}/readyz`)).json()) as { checks: Record<string, unknown> };
      expect(before.checks.queues).toEqual({ status: 'error', error: 'queue workers are not running' });
      // Postgres comes up: the migrated template the test databases are cloned from (test-template-db.js).
      await admin.query(`CREATE DATABASE ${name} TEMPLATE gradekit_test_template`);
      const deadline = Date.now() + 15_000;
      let ready = 503;
      while (ready !== 200 && Date.now() < deadline) {
        await sleep(200);
        ready = (await fetch(`${worker.url}/readyz`)).status;
      }
      expect(ready).toBe(200);
    } finally {
      await worker.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('lets a running job finish on close, then stops', async () => {
    const handler = new SlowHandler(1500);
    const started = await bed.start({ SHUTDOWN_GRACE_MS: '10000' }, { handlers: replacing(handler) });
    const userId = await bed.createUser(3);
    const created = await bed.createTask(userId, { image: await bed.putInput(userId, Buffer.from('x')) });
    await started.enqueue(created.id);
    await bed.waitForTask(created.id, ['processing']);

    const t0 = Date.now();
    await started.worker.close();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThan(800);
    expect(took).toBeLessThan(8000);

    const task = await bed.tasks.findForProcessing(created.id);
    expect(task).toMatchObject({ status: 'completed', result: { slept: 1500 }, attempts: 1 });
    expect(handler.aborted).toBe(0);
    expect(await (await started.queue().getJob(created.id))!.getState()).toBe('completed');
    expect((await bed.ledger(userId, created.id)).map((row) => row.kind)).toEqual(['charge']);
    await expect(fetch(`${started.worker.url}/healthz`)).rejects.toThrow();
  });

  it('takes no new job once closing: a waiting job stays queued for the next worker', async () => {
    const env = { SHUTDOWN_GRACE_MS: '10000', WORKER_CONCURRENCY: '1', QUEUE_PREFIX: `gkdrain${Date.now().toString(36)}` };
    const slow = new SlowHandler(1000);
    const first = await bed.start(env, { handlers: replacing(slow) });
    const userId = await bed.createUser(3);
    const running = await bed.createTask(userId, { image: await bed.putInput(userId, Buffer.from('x')) });
    const waiting = await bed.createTask(userId, { image: await bed.putInput(userId, Buffer.from('y')) });
    await first.enqueue(running.id);
    await bed.waitForTask(running.id, ['processing']);
    await first.enqueue(waiting.id);

    await first.worker.close();
    expect(slow.calls).toBe(1);
    expect(await bed.tasks.findForProcessing(running.id)).toMatchObject({ status: 'completed' });
    expect(await bed.tasks.findForProcessing(waiting.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(['waiting', 'delayed', 'prioritized']).toContain(await (await first.queue().getJob(waiting.id))!.getState());

    const quick = new SlowHandler(10);
    const second = await bed.start(env, { handlers: replacing(quick) });
    expect(await bed.waitForTask(waiting.id)).toMatchObject({ status: 'completed', attempts: 1 });
    expect(quick.calls).toBe(1);
    await second.close();
  });

  it('past the grace period releases the job back to the queue: another worker completes it, with no attempt, stall or refund used', async () => {
    const tuning = { lockDuration: 1000, stalledInterval: 500 };
    const env = { SHUTDOWN_GRACE_MS: '300', QUEUE_PREFIX: `gkrel${Date.now().toString(36)}` };
    const stuck = new SlowHandler(60_000);
    const first = await bed.start(env, { handlers: replacing(stuck), bullmq: tuning });
    const userId = await bed.createUser(3);
    const created = await bed.createTask(userId, { image: await bed.putInput(userId, Buffer.from('x')) });
    await first.enqueue(created.id);
    await bed.waitForTask(created.id, ['processing']);

    const t0 = Date.now();
    await first.worker.close();
    expect(Date.now() - t0).toBeLessThan(3000);
    await sleep(50);
    expect(stuck.aborted).toBe(1);
    // Released, not failed: the task waits for the next worker, still charged, not refunded;
    // the job is back in the queue now, not left active for its lock to lapse.
    expect(await bed.tasks.findForProcessing(created.id)).toMatchObject({ status: 'processing', error: null });
    expect(['delayed', 'waiting']).toContain(await (await first.queue().getJob(created.id))!.getState());

    const quick = new SlowHandler(10);
    const second = await bed.start(env, { handlers: replacing(quick), bullmq: tuning });
    const task = await bed.waitForTask(created.id, ['completed', 'failed'], 20_000);
    expect(task).toMatchObject({ status: 'completed', result: { slept: 10 }, attempts: 1 });
    expect(quick.calls).toBe(1);
    const job = await bed.waitForJobState(second.queue(), created.id, 'completed');
    expect(job.attemptsMade).toBe(1); // the release did not burn an attempt
    expect(job.stalledCounter).toBe(0); // nor a stall: a second release could not fail it
    expect((await bed.ledger(userId, created.id)).map((row) => row.kind)).toEqual(['charge']);
    expect(await bed.credits.balance(userId)).toBe(2);
    await second.close();
  });

  it('fails and refunds (once) a task whose job stalled past BullMQ’s limit, without running it again', async () => {
    const env = { SHUTDOWN_GRACE_MS: '200', QUEUE_PREFIX: `gkstall${Date.now().toString(36)}` };
    const config = bed.config(env);
    const userId = await bed.createUser(3);
    const created = await bed.createTask(userId, { image: await bed.putInput(userId, Buffer.from('x')) });
    // A worker that dies mid-job: it takes the job (a 1 s lock) and never renews nor finishes it.
    const producer = new Queue('image', { connection: bullConnection(config.redisUrl, 'test-producer'), prefix: config.queuePrefix });
    await producer.add('analyze', { taskId: created.id }, taskJobOptions(created.id, config.jobAttempts));
    await producer.close();
    const dying = new Worker('image', null, { connection: bullConnection(config.redisUrl, 'test-dying'), prefix: config.queuePrefix, autorun: false, lockDuration: 1000 });
    expect((await dying.getNextJob('dead-token'))?.id).toBe(created.id);
    await dying.close(true);

    // No stall allowed: BullMQ fails the job itself (the processor never sees it).
    const never = new SlowHandler(10);
    const second = await bed.start(env, { handlers: replacing(never), bullmq: { lockDuration: 1000, stalledInterval: 500, maxStalledCount: 0 } });
    const job = await bed.waitForJobState(second.queue(), created.id, 'failed', 20_000);
    expect(job.failedReason).toMatch(/stalled more than allowable limit/);
    const task = await bed.waitForTask(created.id, ['failed', 'completed'], 10_000);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
    expect(never.calls).toBe(0);
    expect((await bed.ledger(userId, created.id)).map((row) => [row.kind, row.amount])).toEqual([
      ['charge', -1],
      ['refund', 1],
    ]);
    expect(await bed.credits.balance(userId)).toBe(3);
    expect(await bed.credits.ledgerSum(userId)).toBe(3);
    await second.close();
  });
});
