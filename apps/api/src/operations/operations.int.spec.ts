import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { bullConnection } from '@gradekit/queue';
import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { eventually } from '../../../../test/support/eventually';
import { solidImage } from '../../../../test/support/test-images';

async function jpeg(r: number, g: number, b: number): Promise<Buffer> {
  return solidImage(32, 24, { r, g, b });
}

describe('paid operations: inputs, credits, queueing, sandbox, idempotency', () => {
  let ctx: ApiTestContext;
  let queue: Queue;
  let image: Buffer;

  beforeAll(async () => {
    // No worker runs here: with a zero sync timeout every accepted call answers 202 and its job stays queued.
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    queue = new Queue('image', { connection: bullConnection(ctx.config.redisUrl, 'test'), prefix: ctx.config.queuePrefix });
    image = await jpeg(200, 120, 40);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await ctx.close();
  });

  async function upload(user: { auth: Record<string, string> }): Promise<string> {
    const res = await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: image.toString('base64') });
    expect(res.status).toBe(200);
    return res.body.key;
  }

  it('creates a task, debits it in the same transaction and enqueues it with jobId = task id', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = await upload(user);
    const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      task_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'queued',
      status_url: `/api/v1/tasks/${res.body.task_id}`,
      credits_used: 1,
      credits_remaining: 4,
      sandbox: false,
    });
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task).toMatchObject({ userId: user.id, op: 'analyze', queue: 'image', status: 'queued', credits: 1, inputs: { image: key } });
    const charge = await ctx.prisma.creditLedgerEntry.findMany({ where: { taskId: task.id } });
    expect(charge).toEqual([expect.objectContaining({ kind: 'charge', amount: -1, balanceAfter: 4 })]);
    const job = await queue.getJob(task.id);
    expect(job?.name).toBe('analyze');
    expect(job?.data).toEqual({ taskId: task.id });

    const polled = await ctx.http.get(`/api/v1/tasks/${task.id}`).set(user.auth);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({ id: task.id, op: 'analyze', status: 'queued', progress: 0, result: null, error: null, credits_used: 1 });
  });

  it('answers 402 and creates nothing when credits are short', async () => {
    const user = await createTestUser(ctx, { credits: 0 });
    const key = await upload(user);
    const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key });
    expect(res.status).toBe(402);
    expect(res.body.code).toBe('INSUFFICIENT_CREDITS');
    expect(res.body.details[0]).toMatchObject({ required: 1, balance: 0 });
    expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(0);
  });

  it('succeeds exactly K times for N parallel calls with credits for K, and the ledger sums to the balance', async () => {
    const user = await createTestUser(ctx, { credits: 3 });
    const key = await upload(user);
    const results = await Promise.all(Array.from({ length: 8 }, () => ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 202, 402, 402, 402, 402, 402]);
    const balance = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance;
    const ledger = await ctx.prisma.creditLedgerEntry.aggregate({ where: { userId: user.id }, _sum: { amount: true } });
    expect(balance).toBe(0);
    expect(ledger._sum.amount).toBe(0);
    expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(3);
  });

  it('validates inputs with details: exactly one of image / image_key, unknown fields, base64, formats', async () => {
    const user = await createTestUser(ctx, { credits: 10 });
    const key = await upload(user);
    const both = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, image: image.toString('base64') });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ code: 'VALIDATION_ERROR', error: 'Provide exactly one of image_key or image' });
    expect(both.body.details.map((d: { field: string }) => d.field)).toEqual(['image_key', 'image']);
    const neither = await ctx.http.post('/api/v1/analyze').set(user.auth).send({});
    expect(neither.status).toBe(400);
    const unknown = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toContainEqual({ field: 'colour', message: 'unknown field "colour"' });
    const notBase64 = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image: '%%% not base64 %%%' });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body.details[0]).toMatchObject({ field: 'image' });
    const notImage = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image: Buffer.from('hello, I am text').toString('base64') });
    expect(notImage.status).toBe(415);
    expect(notImage.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const wrongType = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.details).toContainEqual({ field: 'image_key', message: 'image_key must be a string' });
    // Nothing was charged for any of these.
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance).toBe(10);
  });

  it("treats another user's key like a missing one (404) and charges nothing", async () => {
    const owner = await createTestUser(ctx, { credits: 2 });
    const intruder = await createTestUser(ctx, { credits: 2 });
    const key = await upload(owner);
    const res = await ctx.http.post('/api/v1/analyze').set(intruder.auth).send({ image_key: key });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const missing = await ctx.http.post('/api/v1/analyze').set(owner.auth).send({ image_key: `u/${owner.id}/images/nope.jpg` });
    expect(missing.status).toBe(404);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: intruder.id } })).creditBalance).toBe(2);
  });

  it('stores base64 inputs under the caller and queues them', async () => {
    const user = await createTestUser(ctx, { credits: 2 });
    const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image: `data:image/jpeg;base64,${image.toString('base64')}` });
    expect(res.status).toBe(202);
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    const inputKey = (task.inputs as { image: string }).image;
    expect(inputKey.startsWith(`u/${user.id}/inputs/`)).toBe(true);
  });

  describe('URL inputs', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/photo.jpg') {
          res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(image);
        } else {
          res.writeHead(302, { Location: `http://127.0.0.1:${port}/photo.jpg` }).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('refuses loopback and private targets (SSRF guard) before charging', async () => {
      const user = await createTestUser(ctx, { credits: 2 });
      for (const url of [`http://127.0.0.1:${port}/photo.jpg`, 'http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/x.jpg', 'http://[::1]/x.jpg', 'http://2130706433/x.jpg']) {
        const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image: url });
        expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 400, code: 'URL_NOT_ALLOWED' });
      }
      expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance).toBe(2);
    });

    it('fetches an allowed URL, stores it and queues the task', async () => {
      const allowed = await startApiTestApp({ SYNC_TIMEOUT_MS: '0', URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${port}` });
      try {
        const user = await createTestUser(allowed, { credits: 2 });
        const res = await allowed.http.post('/api/v1/analyze').set(user.auth).send({ image: `http://127.0.0.1:${port}/photo.jpg` });
        expect(res.status).toBe(202);
        const task = await allowed.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
        const key = (task.inputs as { image: string }).image;
        const download = await allowed.http.post('/api/v1/storage/url').set(user.auth).send({ key });
        expect(download.body.bytes).toBe(image.length);
      } finally {
        const q = new Queue('image', { connection: bullConnection(allowed.config.redisUrl, 'test'), prefix: allowed.config.queuePrefix });
        await q.obliterate({ force: true });
        await q.close();
        await allowed.close();
      }
    });
  });

  describe('sandbox mode', () => {
    it('validates, checks auth, charges nothing, logs usage and answers with a demo result of the same shape', async () => {
      const user = await createTestUser(ctx, { credits: 1 });
      const key = await upload(user);
      const res = await ctx.http.post('/api/v1/analyze').set(user.auth).set('X-Sandbox', 'true').send({ image_key: key });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ sandbox: true, credits_used: 0, credits_remaining: 1, history_id: null, task_id: expect.any(String) });
      expect(res.body.result.palette.length).toBeGreaterThan(0);
      expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(0);
      expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance).toBe(1);
      await eventually(async () => {
        const usage = await ctx.http.get('/api/v1/account/usage').set(user.auth);
        expect(usage.body.items[0]).toMatchObject({ op: 'analyze', sandbox: true, credits: 0, status: 200, path: '/api/v1/analyze' });
      });

      const invalid = await ctx.http.post('/api/v1/analyze').set(user.auth).set('X-Sandbox', 'true').send({});
      expect(invalid.status).toBe(400);
      const anonymous = await ctx.http.post('/api/v1/analyze').set('X-Sandbox', 'true').send({ image_key: key });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for a retry and charges once', async () => {
      const user = await createTestUser(ctx, { credits: 5 });
      const key = await upload(user);
      const first = await ctx.http.post('/api/v1/analyze').set(user.auth).set('Idempotency-Key', 'retry-1').send({ image_key: key });
      const second = await ctx.http.post('/api/v1/analyze').set(user.auth).set('Idempotency-Key', 'retry-1').send({ image_key: key });
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(1);
      expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance).toBe(4);

      const conflict = await ctx.http.post('/api/v1/analyze').set(user.auth).set('Idempotency-Key', 'retry-1').send({ image: image.toString('base64') });
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT');

      // Keys are per user: another user's identical key is a separate request.
      const other = await createTestUser(ctx, { credits: 1 });
      const otherKey = await upload(other);
      const theirs = await ctx.http.post('/api/v1/analyze').set(other.auth).set('Idempotency-Key', 'retry-1').send({ image_key: otherKey });
      expect(theirs.status).toBe(202);
      expect(theirs.body.task_id).not.toBe(first.body.task_id);
    });

    it('replays a 4xx answer too', async () => {
      const user = await createTestUser(ctx, { credits: 0 });
      const key = await upload(user);
      const first = await ctx.http.post('/api/v1/analyze').set(user.auth).set('Idempotency-Key', 'broke').send({ image_key: key });
      expect(first.status).toBe(402);
      const second = await ctx.http.post('/api/v1/analyze').set(user.auth).set('Idempotency-Key', 'broke').send({ image_key: key });
      expect(second.status).toBe(402);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
    });
  });
});
