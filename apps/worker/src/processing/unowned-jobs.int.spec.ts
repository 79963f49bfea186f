import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { queueOfJob } from '@gradekit/contracts';
import { bullConnection } from '@gradekit/queue';
import type { HandlerContext, HandlerOutcome, OperationHandler } from '../operations/operation-handler';
import { replacing, sleep, WorkerTestBed, type TestWorker } from '../test-support/worker-test-bed';
import { StuckTasksReconciler } from './stuck-tasks.reconciler';

/** An `analyze` stand-in that counts its runs per task. */
class CountingHandler implements OperationHandler<'analyze'> {
  readonly op = 'analyze' as const;
  readonly runs = new Map<string, number>();

  async run(ctx: HandlerContext<'analyze'>): Promise<HandlerOutcome> {
    this.runs.set(ctx.task.id, (this.runs.get(ctx.task.id) ?? 0) + 1);
    return { result: { ran: true } as never, history: null }; // a stand-in result the tests read back
  }
}

// Jest ignores `testTimeout` inside `projects`; these tests wait on real queues.
jest.setTimeout(30_000);

describe('jobs no task of this database owns', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  const handler = new CountingHandler();

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wunowned');
    worker = await bed.start({ MISSING_TASK_RELEASES: '3', MISSING_TASK_RELEASE_DELAY_MS: '100', STUCK_TASK_SWEEP_MS: '0', STUCK_TASK_AFTER_MS: '1000' }, { handlers: replacing(handler) });
  });
  afterAll(() => bed.close());

  it('releases a job whose task row is absent, and runs it once the row appears', async () => {
    const userId = await bed.createUser(3);
    const taskId = randomUUID();
    await worker.enqueue(taskId);
    // Released, not failed: the job goes back (delayed) while the row is not there.
    await sleep(250);
    const waiting = (await worker.queue().getJob(taskId))!;
    expect(['delayed', 'waiting', 'active']).toContain(await waiting.getState());
    expect(waiting.attemptsStarted).toBeGreaterThanOrEqual(2);
    expect(waiting.attemptsMade).toBe(0);

    const outcome = await bed.credits.createTaskWithCharge(userId, { id: taskId, op: 'analyze', queue: queueOfJob('analyze'), params: {}, inputs: {}, credits: 1 });
    expect(outcome.ok).toBe(true);
    const task = await bed.waitForTask(taskId);
    expect(task).toMatchObject({ status: 'completed', result: { ran: true }, attempts: 1 });
    expect(handler.runs.get(taskId)).toBe(1);
    const job = await bed.waitForJobState(worker.queue(), taskId, 'completed');
    expect(job.attemptsMade).toBe(1); // the releases used up no attempt
    expect(job.attemptsStarted).toBeGreaterThan(1);
    expect((await bed.ledger(userId, taskId)).map((row) => row.kind)).toEqual(['charge']);
  });

  it('discards the job after the bounded releases, touching no row (the task may be another database’s)', async () => {
    const taskId = randomUUID();
    const t0 = Date.now();
    await worker.enqueue(taskId);
    const job = await bed.waitForJobState(worker.queue(), taskId, 'failed', 10_000);
    // Three releases: 100 + 200 + 400 ms.
    expect(Date.now() - t0).toBeGreaterThan(650);
    expect(job.failedReason).toMatch(/not in this deployment's database \(released 3 times\)/);
    expect(job.attemptsStarted).toBe(4);
    expect(await bed.tasks.findForProcessing(taskId)).toBeNull();
    expect(await bed.prisma.creditLedgerEntry.count({ where: { taskId } })).toBe(0);
    expect(handler.runs.get(taskId)).toBeUndefined();
  });

  describe('the stuck-task reconciler', () => {
    const reconciler = () => worker.worker.app.get(StuckTasksReconciler);
    /** A sweep as if every row were older than STUCK_TASK_AFTER_MS. */
    const sweepLater = () => reconciler().sweep(new Date(Date.now() + 5000));

    it('re-enqueues a task without a job once; lost again, fails and refunds it once', async () => {
      const userId = await bed.createUser(5);
      // A video task: this worker consumes only `image`, so its job stays waiting where the test can see (and lose) it.
      const task = await bed.createTask(userId, {}, { op: 'video_grade', credits: 2 });
      expect(await reconciler().sweep()).toEqual({ live: 0, requeued: 0, failed: 0, changed: 0 }); // not past the deadline yet

      expect(await sweepLater()).toMatchObject({ requeued: 1, failed: 0 });
      const queue = worker.queue('video_grade');
      const job = await queue.getJob(task.id);
      expect(job).toMatchObject({ name: 'video_grade', data: { taskId: task.id }, opts: expect.objectContaining({ attempts: 3 }) });
      expect(await job!.getState()).toBe('waiting');
      expect(await bed.tasks.findForProcessing(task.id)).toMatchObject({ status: 'queued' });

      // A live job is left alone.
      expect(await sweepLater()).toMatchObject({ live: 1, requeued: 0, failed: 0 });

      // Lost again: failed and refunded, once.
      await job!.remove();
      expect(await sweepLater()).toMatchObject({ requeued: 0, failed: 1 });
      expect(await bed.tasks.findForProcessing(task.id)).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
      expect((await bed.ledger(userId, task.id)).map((row) => [row.kind, row.amount])).toEqual([
        ['charge', -2],
        ['refund', 2],
      ]);
      expect(await bed.credits.balance(userId)).toBe(5);
      expect(await sweepLater()).toMatchObject({ requeued: 0, failed: 0 });
      expect(await bed.credits.ledgerSum(userId)).toBe(5);
    });

    it('re-enqueues a processing task whose worker and job are gone, and a worker completes it once', async () => {
      const userId = await bed.createUser(3);
      const task = await bed.createTask(userId, {});
      await bed.tasks.markProcessing(task.id, 1); // its worker died and Redis lost the job
      expect(await sweepLater()).toMatchObject({ requeued: 1 });
      expect(await bed.waitForTask(task.id)).toMatchObject({ status: 'completed', result: { ran: true } });
      expect(handler.runs.get(task.id)).toBe(1);
      expect((await bed.ledger(userId, task.id)).map((row) => row.kind)).toEqual(['charge']);
    });

    it('re-enqueues over a failed job of the same id (else the add would be a no-op)', async () => {
      const userId = await bed.createUser(3);
      const task = await bed.createTask(userId, {}, { op: 'video_grade', credits: 1 });
      // A job of the task's id that ended failed without settling the row (a database outage at its last write).
      const queue = worker.queue('video_grade');
      await queue.add('video_grade', { taskId: task.id }, { jobId: task.id, attempts: 1 });
      const taker = new Worker(queue.name, null, { connection: bullConnection(worker.config.redisUrl, 'test-taker'), prefix: worker.config.queuePrefix, autorun: false });
      const token = 'test-token';
      const taken = (await taker.getNextJob(token)) as Job;
      expect(taken.id).toBe(task.id);
      await taken.moveToFailed(new Error('database outage'), token, false);
      await taker.close();
      expect(await (await queue.getJob(task.id))!.getState()).toBe('failed');

      expect(await sweepLater()).toMatchObject({ requeued: 1 });
      const fresh = await queue.getJob(task.id);
      expect(await fresh!.getState()).toBe('waiting');
      expect(fresh!.attemptsMade).toBe(0);
      expect(fresh!.failedReason).toBeUndefined();
    });

    it('sweeps on schedule in one process at a time (a Redis lock per deployment)', async () => {
      const first = await reconciler().tick(new Date(Date.now() + 5000));
      expect(first).not.toBeNull();
      expect(await reconciler().tick(new Date(Date.now() + 5000))).toBeNull();
    });
  });
});
