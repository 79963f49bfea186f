import * as path from 'node:path';
import sharp from 'sharp';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { eventually } from '../support/eventually';
import { bootstrapAdmin, type ApiClient } from './api-client';

describe('worker process: graceful SIGTERM', () => {
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    // The api answers 202 at once, so the test can signal the worker while the job runs.
    stack = await startStack({ env: { SYNC_TIMEOUT_MS: '0' } });
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(() => stack?.stop());

  it('finishes the running job, then exits 0; the task is completed, not refunded', async () => {
    const big = await sharp(path.resolve(__dirname, '..', 'fixtures', 'photos', 'retina.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg().toBuffer();
    const upload = await admin.post<{ key: string }>('/api/v1/storage/upload', { data: big.toString('base64') });
    expect(upload.status).toBe(200);
    const accepted = await admin.post<{ task_id: string }>('/api/v1/analyze', { image_key: upload.body.key });
    expect(accepted.status).toBe(202);
    const taskId = accepted.body.task_id;
    await eventually(async () => {
      const task = await admin.get<{ status: string }>(`/api/v1/tasks/${taskId}`);
      expect(task.body.status).toBe('processing');
    }, 20000, 20);

    const worker = stack.workers[0].child;
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);

    const task = await admin.get<{ status: string; credits_used: number }>(`/api/v1/tasks/${taskId}`);
    expect(task.body).toMatchObject({ status: 'completed', credits_used: 1 });
    const account = await admin.get<{ credits: { balance: number } }>('/api/v1/account');
    expect(account.body.credits.balance).toBe(49);
  });
});
