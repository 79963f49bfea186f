import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MatchBatchResult } from '@gradekit/contracts';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

const PHOTOS = path.resolve(__dirname, '../../../../../test/fixtures/photos');
const photo = (name: string) => readFileSync(path.join(PHOTOS, name));

jest.setTimeout(90_000);

describe('match_batch through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wbatch');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  async function runBatch(targets: Buffer[], credits = 10) {
    const userId = await bed.createUser(credits);
    const inputs: Record<string, string> = { reference: await bed.putInput(userId, photo('coffee.jpg'), 'reference.jpg') };
    for (const [i, bytes] of targets.entries()) inputs[`target:${i}`] = await bed.putInput(userId, bytes, `t${i}.jpg`);
    const created = await bed.createTask(userId, inputs, { op: 'match_batch', credits: targets.length, params: { method: 'natural', params: {}, count: targets.length } });
    await worker.enqueue(created.id, 'match_batch');
    const task = await bed.waitForTask(created.id);
    return { userId, task, inputs };
  }

  it('grades every good target, fails the broken one alone and refunds exactly its credit', async () => {
    const broken = photo('rocket.jpg').subarray(0, 3000);
    const { userId, task, inputs } = await runBatch([photo('chelsea.jpg'), broken, photo('astronaut.jpg')]);
    expect(task.status).toBe('completed');
    const result = task.result as unknown as MatchBatchResult;
    expect(result).toMatchObject({ succeeded: 2, failed: 1, credits_refunded: 1 });
    expect(result.items.map((item) => [item.index, item.status, item.target_key])).toEqual([
      [0, 'completed', inputs['target:0']],
      [1, 'failed', inputs['target:1']],
      [2, 'completed', inputs['target:2']],
    ]);
    const failedItem = result.items[1];
    expect(failedItem.status === 'failed' && failedItem.error.code).toBe('INVALID_IMAGE');
    const first = result.items[0];
    expect(first.status === 'completed' && first.key).toBe(`u/${userId}/results/${task.id}-0.jpg`);
    expect(first.status === 'completed' && (await bed.storage.head(first.key))?.bytes).toBe(first.status === 'completed' ? first.bytes : -1);

    const ledger = await bed.prisma.creditLedgerEntry.findMany({ where: { taskId: task.id }, orderBy: { createdAt: 'asc' } });
    expect(ledger.map((row) => [row.kind, row.amount])).toEqual([
      ['charge', -3],
      ['refund', 1],
    ]);
    expect(await bed.credits.balance(userId)).toBe(8);
    expect(await bed.credits.ledgerSum(userId)).toBe(8);
    expect(await bed.prisma.historyEntry.count({ where: { taskId: task.id } })).toBe(1);
  });

  it('fails the task and refunds it in full when every target fails', async () => {
    const junk = Buffer.from('not an image at all');
    const { userId, task } = await runBatch([junk, junk]);
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await bed.credits.balance(userId)).toBe(10);
  });
});
