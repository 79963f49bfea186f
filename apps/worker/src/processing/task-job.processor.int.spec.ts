import { DomainError } from '@gradekit/contracts';
import type { HandlerContext, HandlerOutcome, OperationHandler } from '../operations/operation-handler';
import { replacing, WorkerTestBed, type TestWorker } from '../test-support/worker-test-bed';

/**
 * A stand-in `analyze` handler scripted per task by `params.script` — the handler
 * registry is the adapter boundary a test may substitute. Everything around it
 * (processor, BullMQ, Postgres, ledger, storage) is real.
 */
class ScriptedHandler implements OperationHandler<'analyze'> {
  readonly op = 'analyze' as const;
  /** Calls per task, with what the ledger held for the task at each call. */
  readonly calls = new Map<string, { attempt: number; refundsSeen: number }[]>();

  constructor(private readonly bed: () => WorkerTestBed) {}

  async run(ctx: HandlerContext<'analyze'>): Promise<HandlerOutcome> {
    const refundsSeen = await this.bed().prisma.creditLedgerEntry.count({ where: { taskId: ctx.task.id, kind: 'refund' } });
    const calls = this.calls.get(ctx.task.id) ?? [];
    calls.push({ attempt: ctx.task.attempt, refundsSeen });
    this.calls.set(ctx.task.id, calls);
    const bytes = await ctx.loadInput('image');
    await ctx.reportProgress(40);
    // Not a real analyze result: the test reads these two fields back from the task row.
    const result = { bytes: bytes.length, attempt: ctx.task.attempt } as never;
    const history = { op: 'analyze', params: {}, inputKeys: ctx.task.inputs, outputKey: `u/${ctx.task.userId}/outputs/${ctx.task.id}.jpg` };
    switch (ctx.task.params.script) {
      case 'flaky-twice':
        if (calls.length <= 2) throw new Error(`connection reset (call ${calls.length})`);
        return { result, history };
      case 'always-fails':
        throw new Error('boom: /opt/secret/module.js exploded');
      case 'owner-deleted-mid-run':
        // The handler writes its output, then the owner is deleted (rows and files) before the job completes.
        await ctx.storage.put(`u/${ctx.task.userId}/results/${ctx.task.id}.jpg`, Buffer.from('graded'), 'image/jpeg');
        await this.bed().prisma.user.delete({ where: { id: ctx.task.userId } });
        return { result, history };
      case 'bad-params':
        throw DomainError.validation('strength must be between 0 and 1', [{ field: 'strength', message: 'out of range' }]);
      default:
        return { result, history };
    }
  }
}

// Jest ignores `testTimeout` inside `projects`; these tests wait on real queues and retries.
jest.setTimeout(30_000);

describe('task job processor (retries, refunds, idempotency)', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  const handler = new ScriptedHandler(() => bed);

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wproc');
    worker = await bed.start({ JOB_ATTEMPTS: '3', MISSING_TASK_RELEASES: '1', MISSING_TASK_RELEASE_DELAY_MS: '50' }, { handlers: replacing(handler) });
  });
  afterAll(() => bed.close());

  async function runTask(script: string) {
    const userId = await bed.createUser(5);
    const key = await bed.putInput(userId, Buffer.from('not decoded by the scripted handler'), 'in.jpg');
    const created = await bed.createTask(userId, { image: key }, { params: { script } });
    await worker.enqueue(created.id);
    const task = await bed.waitForTask(created.id);
    return { userId, key, task };
  }

  it('retries a transient failure and completes with one result, one History row and no refund', async () => {
    const { userId, key, task } = await runTask('flaky-twice');
    expect(task.status).toBe('completed');
    expect(task.attempts).toBe(3);
    expect(task.progress).toBe(100);
    expect(task.error).toBeNull();
    expect(task.result).toEqual({ bytes: 35, attempt: 3 });
    expect(handler.calls.get(task.id)).toEqual([
      { attempt: 1, refundsSeen: 0 },
      { attempt: 2, refundsSeen: 0 },
      { attempt: 3, refundsSeen: 0 },
    ]);
    const history = await bed.prisma.historyEntry.findMany({ where: { taskId: task.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ userId, op: 'analyze', inputKeys: { image: key }, outputKey: `u/${userId}/outputs/${task.id}.jpg` });
    expect((await bed.ledger(userId, task.id)).map((row) => row.kind)).toEqual(['charge']);
    expect(await bed.credits.balance(userId)).toBe(4);
    expect(await bed.credits.ledgerSum(userId)).toBe(4);
    const job = await bed.waitForJobState(worker.queue(), task.id, 'completed');
    expect(job.attemptsMade).toBe(3); // BullMQ counts the finished attempt too
    expect(job.returnvalue).toEqual({ taskId: task.id, status: 'completed' }); // a pointer: the result lives in Postgres
  });

  it('refunds a task failing on every attempt exactly once, only after the last attempt', async () => {
    const { userId, task } = await runTask('always-fails');
    expect(task.status).toBe('failed');
    expect(task.attempts).toBe(3);
    // Attempts 1 and 2 ran with the charge standing: no early refund.
    expect(handler.calls.get(task.id)).toEqual([
      { attempt: 1, refundsSeen: 0 },
      { attempt: 2, refundsSeen: 0 },
      { attempt: 3, refundsSeen: 0 },
    ]);
    expect(task.error).toEqual({ code: 'INTERNAL', message: 'The operation could not be completed after 3 attempts; any credits it cost were refunded.', details: [] });
    expect(JSON.stringify(task.error)).not.toMatch(/boom|secret/);
    const job = await bed.waitForJobState(worker.queue(), task.id, 'failed');
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toContain('boom'); // operators keep the real reason in the queue
    const ledger = await bed.ledger(userId, task.id);
    expect(ledger.map((row) => [row.kind, row.amount])).toEqual([
      ['charge', -1],
      ['refund', 1],
    ]);
    expect(ledger[1].balanceAfter).toBe(5);
    expect(await bed.credits.balance(userId)).toBe(5);
    expect(await bed.credits.ledgerSum(userId)).toBe(5);
    expect(await bed.historyCount(task.id)).toBe(0);

    // The failure path running again (a redelivered last attempt) cannot refund twice.
    const again = await Promise.all([1, 2, 3].map(() => bed.credits.failTaskAndRefund(task.id, { code: 'INTERNAL', message: 'x', details: [] })));
    expect(again).toEqual([false, false, false]);
    expect((await bed.ledger(userId, task.id)).filter((row) => row.kind === 'refund')).toHaveLength(1);
    expect(await bed.credits.balance(userId)).toBe(5);
  });

  it('fails a final domain error at once, keeping its code, message and details', async () => {
    const { userId, task } = await runTask('bad-params');
    expect(task.status).toBe('failed');
    expect(handler.calls.get(task.id)).toHaveLength(1);
    expect(task.error).toEqual({ code: 'VALIDATION_ERROR', message: 'strength must be between 0 and 1', details: [{ field: 'strength', message: 'out of range' }] });
    expect((await bed.ledger(userId, task.id)).map((row) => row.kind)).toEqual(['charge', 'refund']);
    expect(await bed.credits.balance(userId)).toBe(5);
  });

  it('does not run a duplicate job of a completed task again', async () => {
    const { userId, task } = await runTask('ok');
    expect(task.status).toBe('completed');
    expect(handler.calls.get(task.id)).toHaveLength(1);
    const queue = worker.queue();
    const first = await bed.waitForJobState(queue, task.id, 'completed');

    // Same jobId while the first job is kept: BullMQ itself refuses the duplicate.
    await worker.enqueue(task.id);
    // Redelivery after the job was trimmed: a new job with the same id reaches the worker.
    await first.remove();
    await worker.enqueue(task.id);
    await bed.waitForJobState(queue, task.id, 'completed');

    expect(handler.calls.get(task.id)).toHaveLength(1);
    const after = await bed.tasks.findForProcessing(task.id);
    expect(after).toMatchObject({ status: 'completed', attempts: 1, result: task.result });
    expect(after!.finishedAt!.getTime()).toBe(task.finishedAt!.getTime());
    expect(await bed.historyCount(task.id)).toBe(1);
    expect((await bed.ledger(userId, task.id)).map((row) => row.kind)).toEqual(['charge']);
  });

  it('releases, then discards, a job whose task does not exist, and leaves a failed task alone', async () => {
    const missing = '11111111-2222-4333-8444-555555555555';
    await worker.enqueue(missing);
    const job = await bed.waitForJobState(worker.queue(), missing, 'failed');
    expect(job.failedReason).toMatch(/not in this deployment's database \(released 1 times\)/);
    expect(job.attemptsMade).toBe(1); // the release used no attempt; the discard is final
    expect(job.attemptsStarted).toBe(2);

    const { task } = await runTask('bad-params');
    const calls = handler.calls.get(task.id)!.length;
    await (await worker.queue().getJob(task.id))!.remove();
    await worker.enqueue(task.id);
    const redelivered = await bed.waitForJobState(worker.queue(), task.id, 'failed');
    expect(redelivered.failedReason).toMatch(/already failed/);
    expect(handler.calls.get(task.id)).toHaveLength(calls);
    expect(await bed.tasks.findForProcessing(task.id)).toMatchObject({ status: 'failed', error: { code: 'VALIDATION_ERROR' } });
  });

  it('counts jobs by queue, op and status on /metrics', async () => {
    const res = await fetch(`${worker.worker.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const count = (status: string) => Number(new RegExp(`jobs_total\\{queue="image",op="analyze",status="${status}",app="worker"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    // flaky: 2 retried + 1 completed; always-fails: 2 retried + 1 failed; bad-params ×2: 2 failed;
    // ok + its duplicate: 2 completed; the missing task's job (1 release, counted retried, then
    // discarded) and the redelivered failed task: 2 failed.
    expect(count('retried')).toBe(5);
    expect(count('completed')).toBe(3);
    expect(count('failed')).toBe(5);
    expect(text).toMatch(/job_duration_seconds_count\{app="worker",queue="image",op="analyze",status="completed"\} 3/);
  });

  // After the metrics test, whose counts it would change.
  it('a job whose owner is deleted while it runs ends failed, unretried, and leaves no file of theirs behind', async () => {
    const userId = await bed.createUser(5);
    const key = await bed.putInput(userId, Buffer.from('input'), 'in.jpg');
    const created = await bed.createTask(userId, { image: key }, { params: { script: 'owner-deleted-mid-run' } });
    await worker.enqueue(created.id);
    const job = await bed.waitForJobState(worker.queue(), created.id, 'failed');
    expect(job.failedReason).toMatch(/deleted with its owner/);
    expect(job.attemptsMade).toBe(1);
    expect(handler.calls.get(created.id)).toHaveLength(1);
    expect(await bed.storage.head(`u/${userId}/results/${created.id}.jpg`)).toBeNull();
    expect(await bed.storage.head(key)).toBeNull();
  });
});
