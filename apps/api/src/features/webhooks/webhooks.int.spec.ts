import { Queue } from 'bullmq';
import { webhookJobId } from '@gradekit/contracts';
import { bullConnection } from '@gradekit/queue';
import { createTestUser, startApiTestApp, uploadTestImage, type ApiTestContext, type TestUser } from '../../../../../test/support/api-test-app';
import { solidImage } from '../../../../../test/support/test-images';

/** A public literal address: allowed by the SSRF guard without a DNS lookup (nothing is sent to it here). */
const PUBLIC_URL = 'http://93.184.216.34/hooks/gradekit';
const ALLOWED_LOCAL = 'http://127.0.0.1:45999/hook';

describe('webhooks api: account settings, webhook_url checks, deliveries', () => {
  let ctx: ApiTestContext;
  let hooks: Queue;

  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0', WEBHOOK_ALLOW_HOSTS: '127.0.0.1:45999' });
    hooks = new Queue('hooks', { connection: bullConnection(ctx.config.redisUrl, 'test-hooks'), prefix: ctx.config.queuePrefix });
  });
  afterAll(async () => {
    await hooks.obliterate({ force: true });
    await hooks.close();
    for (const name of ['image']) {
      const q = new Queue(name, { connection: bullConnection(ctx.config.redisUrl, 'test'), prefix: ctx.config.queuePrefix });
      await q.obliterate({ force: true });
      await q.close();
    }
    await ctx.close();
  });

  describe('PATCH/GET /api/v1/account/webhook and rotate-secret', () => {
    it('creates the whsec_ secret on the first PATCH, shows it only then, and never again on GET or PATCH', async () => {
      const user = await createTestUser(ctx);
      const before = await ctx.http.get('/api/v1/account/webhook').set(user.auth);
      expect(before.body).toEqual({ url: null, url_disabled_at: null, secret_created_at: null, previous_secret_expires_at: null });

      const first = await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url: PUBLIC_URL });
      expect(first.status).toBe(200);
      expect(first.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(first.body.secret.slice(6), 'base64')).toHaveLength(32);
      expect(first.body).toMatchObject({ url: PUBLIC_URL, url_disabled_at: null, secret_created_at: expect.any(String) });

      const again = await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url: ALLOWED_LOCAL });
      expect(again.body).toMatchObject({ url: ALLOWED_LOCAL });
      expect(again.body).not.toHaveProperty('secret');
      const shown = await ctx.http.get('/api/v1/account/webhook').set(user.auth);
      expect(shown.body).toMatchObject({ url: ALLOWED_LOCAL });
      expect(JSON.stringify(shown.body)).not.toContain(first.body.secret.slice(6, 20));

      const cleared = await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url: null });
      expect(cleared.body.url).toBeNull();
      expect((await ctx.prisma.webhookAccount.findUniqueOrThrow({ where: { userId: user.id } })).secret).toBe(first.body.secret);
    });

    it('refuses private targets, missing or unknown fields with 400s that name the field', async () => {
      const user = await createTestUser(ctx);
      for (const url of ['http://10.0.0.8/hook', 'http://169.254.169.254/latest', 'http://127.0.0.1:8080/hook', 'http://[::1]/x']) {
        const res = await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url });
        expect({ url, status: res.status, code: res.body.code, field: res.body.details?.[0]?.field }).toEqual({ url, status: 400, code: 'URL_NOT_ALLOWED', field: 'url' });
      }
      const scheme = await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url: 'ftp://example.com/x' });
      expect(scheme.status).toBe(400);
      expect(scheme.body.details[0]).toMatchObject({ field: 'url', reason: 'scheme' });
      expect((await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({})).status).toBe(400);
      expect((await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url: PUBLIC_URL, secret: 'mine' })).status).toBe(400);
      expect(await ctx.prisma.webhookAccount.count({ where: { userId: user.id } })).toBe(0);
    });

    it('rotates: a new secret shown once, the old one kept for signing for 24 h', async () => {
      const user = await createTestUser(ctx);
      const created = await ctx.http.patch('/api/v1/account/webhook').set(user.auth).send({ url: PUBLIC_URL });
      const rotated = await ctx.http.post('/api/v1/account/webhook/rotate-secret').set(user.auth);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.body.secret);
      const overlapMs = Date.parse(rotated.body.previous_secret_expires_at) - Date.now();
      expect(overlapMs).toBeGreaterThan(24 * 3600_000 - 60_000);
      expect(overlapMs).toBeLessThanOrEqual(24 * 3600_000);
      const row = await ctx.prisma.webhookAccount.findUniqueOrThrow({ where: { userId: user.id } });
      expect({ secret: row.secret, previous: row.previousSecret, url: row.defaultUrl }).toEqual({ secret: rotated.body.secret, previous: created.body.secret, url: PUBLIC_URL });
      expect((await ctx.http.get('/api/v1/account/webhook').set(user.auth)).body).not.toHaveProperty('secret');
    });
  });

  describe('webhook_url on operations', () => {
    let user: TestUser;
    let key: string;

    beforeAll(async () => {
      user = await createTestUser(ctx, { credits: 10 });
      key = await uploadTestImage(ctx, user.auth, await solidImage(8, 8, { r: 10, g: 200, b: 10 }));
    });

    it('needs a webhook secret first (400, nothing charged)', async () => {
      const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, webhook_url: PUBLIC_URL });
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toMatchObject({ field: 'webhook_url', reason: 'no_secret' });
      expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(0);
    });

    it('is checked by the SSRF guard at request time and stored on the task (factory and hand-written routes)', async () => {
      await ctx.http.post('/api/v1/account/webhook/rotate-secret').set(user.auth).expect(200);
      const refused = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, webhook_url: 'http://192.168.1.20/hook' });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'URL_NOT_ALLOWED', details: [{ field: 'webhook_url', reason: 'private' }] });
      expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance).toBe(10);

      const viaFactory = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, webhook_url: ALLOWED_LOCAL });
      expect(viaFactory.status).toBe(202);
      const viaController = await ctx.http.post('/api/v1/presets/golden_hour/apply').set(user.auth).send({ image_key: key, webhook_url: PUBLIC_URL });
      expect(viaController.status).toBe(202);
      const tasks = await ctx.prisma.task.findMany({ where: { id: { in: [viaFactory.body.task_id, viaController.body.task_id] } } });
      expect(Object.fromEntries(tasks.map((t) => [t.id, t.webhookUrl]))).toEqual({ [viaFactory.body.task_id]: ALLOWED_LOCAL, [viaController.body.task_id]: PUBLIC_URL });
      expect(tasks.every((t) => !('webhook_url' in (t.params as object)))).toBe(true);
    });

    it('is a string URL of bounded length', async () => {
      expect((await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, webhook_url: 42 })).status).toBe(400);
      expect((await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key, webhook_url: `http://93.184.216.34/${'a'.repeat(2100)}` })).status).toBe(400);
    });
  });

  describe('GET /api/v1/tasks/{id}/deliveries and redeliver', () => {
    async function taskWithDelivery(owner: TestUser) {
      const task = await ctx.prisma.task.create({ data: { userId: owner.id, op: 'image_info', queue: 'image', params: {}, inputs: {}, status: 'completed', result: { format: 'png' }, finishedAt: new Date(), webhookUrl: PUBLIC_URL } });
      const delivery = await ctx.prisma.webhookDelivery.create({ data: { userId: owner.id, taskId: task.id, eventType: 'task.completed', url: PUBLIC_URL, status: 'failed' } });
      const t0 = Date.now() - 10_000;
      await ctx.prisma.webhookAttempt.createMany({
        data: [
          { deliveryId: delivery.id, url: PUBLIC_URL, statusCode: 500, latencyMs: 12, error: null, createdAt: new Date(t0) },
          { deliveryId: delivery.id, url: PUBLIC_URL, statusCode: null, latencyMs: 15000, error: 'Fetching the URL timed out after 15000 ms (timeout)', createdAt: new Date(t0 + 5000) },
        ],
      });
      return { task, delivery };
    }

    it("lists a task's attempts newest first with time, status code, latency and error", async () => {
      const owner = await createTestUser(ctx);
      const { task, delivery } = await taskWithDelivery(owner);
      const res = await ctx.http.get(`/api/v1/tasks/${task.id}/deliveries`).set(owner.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0, delivery: { id: delivery.id, event_type: 'task.completed', url: PUBLIC_URL, status: 'failed', runs: 1, delivered_at: null } });
      expect(res.body.items.map((a: { status_code: number | null; latency_ms: number; error: string | null }) => [a.status_code, a.latency_ms, a.error])).toEqual([
        [null, 15000, 'Fetching the URL timed out after 15000 ms (timeout)'],
        [500, 12, null],
      ]);
      expect(Date.parse(res.body.items[0].attempted_at)).toBeGreaterThan(Date.parse(res.body.items[1].attempted_at));
      const page = await ctx.http.get(`/api/v1/tasks/${task.id}/deliveries?limit=1&offset=1`).set(owner.auth);
      expect(page.body.items.map((a: { status_code: number }) => a.status_code)).toEqual([500]);
    });

    it("redelivers: pending again, a new run on the hooks queue with the delivery's id", async () => {
      const owner = await createTestUser(ctx);
      const { task, delivery } = await taskWithDelivery(owner);
      const res = await ctx.http.post(`/api/v1/tasks/${task.id}/deliveries/redeliver`).set(owner.auth);
      expect(res.status).toBe(202);
      expect(res.body.delivery).toMatchObject({ id: delivery.id, status: 'pending', runs: 2 });
      const job = await hooks.getJob(webhookJobId(delivery.id, 2));
      expect(job?.data).toEqual({ deliveryId: delivery.id });
      expect(job?.opts.attempts).toBe(10); // Standard Webhooks' schedule by default
    });

    it("is a 404 for another owner's task, a task without a webhook and a malformed id", async () => {
      const owner = await createTestUser(ctx);
      const stranger = await createTestUser(ctx);
      const { task } = await taskWithDelivery(owner);
      expect((await ctx.http.get(`/api/v1/tasks/${task.id}/deliveries`).set(stranger.auth)).status).toBe(404);
      expect((await ctx.http.post(`/api/v1/tasks/${task.id}/deliveries/redeliver`).set(stranger.auth)).status).toBe(404);
      expect((await ctx.prisma.webhookDelivery.findUniqueOrThrow({ where: { taskId: task.id } })).runs).toBe(1);

      const plain = await ctx.prisma.task.create({ data: { userId: owner.id, op: 'image_info', queue: 'image', params: {}, inputs: {}, status: 'completed' } });
      const none = await ctx.http.get(`/api/v1/tasks/${plain.id}/deliveries`).set(owner.auth);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('NOT_FOUND');
      expect((await ctx.http.get('/api/v1/tasks/not-a-uuid/deliveries').set(owner.auth)).status).toBe(404);
      expect((await ctx.http.get(`/api/v1/tasks/${task.id}/deliveries`)).status).toBe(401);
    });
  });

  it('documents the webhook routes and the webhook_url field in the OpenAPI document', async () => {
    const doc = (await ctx.http.get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/account/webhook', '/api/v1/account/webhook/rotate-secret', '/api/v1/tasks/{id}/deliveries', '/api/v1/tasks/{id}/deliveries/redeliver']));
    expect(doc.paths['/api/v1/account/webhook'].patch.description).toContain('webhook-signature');
    expect(doc.components.schemas.AnalyzeRequestDto.properties.webhook_url).toMatchObject({ type: 'string', maxLength: 2048 });
    expect(doc.info.description).toContain("new Webhook(process.env.GRADEKIT_WEBHOOK_SECRET).verify(");
    expect(doc.info.description).toContain('webhook-signature');
    expect(doc.info.description).toContain('retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h');
  });
});
