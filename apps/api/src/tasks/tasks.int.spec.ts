import { randomUUID } from 'node:crypto';
import { CreditsRepository } from '@gradekit/db';
import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';

describe('tasks, queue stats and account', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  it("shows a task to its owner only; another user's task is a 404", async () => {
    const owner = await createTestUser(ctx, { credits: 3 });
    const other = await createTestUser(ctx);
    const taskId = randomUUID();
    const credits = ctx.app.get(CreditsRepository);
    const charged = await credits.createTaskWithCharge(owner.id, { id: taskId, op: 'analyze', queue: 'image', params: {}, inputs: { image: 'u/x/y.jpg' }, credits: 1 });
    expect(charged.ok).toBe(true);
    const mine = await ctx.http.get(`/api/v1/tasks/${taskId}`).set(owner.auth);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      id: taskId, op: 'analyze', status: 'queued', progress: 0, eta_seconds: null, result: null, error: null, credits_used: 1, history_id: null,
      created_at: expect.stringMatching(/Z$/), updated_at: expect.stringMatching(/Z$/), started_at: null, finished_at: null,
    });
    const theirs = await ctx.http.get(`/api/v1/tasks/${taskId}`).set(other.auth);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({ error: 'Task not found', code: 'NOT_FOUND', details: [] });
    expect((await ctx.http.get('/api/v1/tasks/not-a-uuid').set(owner.auth)).status).toBe(404);

    // A failed task is refunded exactly once and shows credits_used 0.
    expect(await credits.failTaskAndRefund(taskId, { code: 'INVALID_IMAGE', message: 'broken' })).toBe(true);
    expect(await credits.failTaskAndRefund(taskId, { code: 'INVALID_IMAGE', message: 'broken' })).toBe(false);
    const failed = await ctx.http.get(`/api/v1/tasks/${taskId}`).set(owner.auth);
    expect(failed.body).toMatchObject({ status: 'failed', credits_used: 0, error: { code: 'INVALID_IMAGE', message: 'broken' } });
    expect(await credits.balance(owner.id)).toBe(3);
    expect(await credits.ledgerSum(owner.id)).toBe(3);
  });

  it('reports queue statistics per queue', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.get('/api/v1/queue/stats').set(user.auth);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.queues).sort()).toEqual(['gpu', 'hooks', 'image', 'video']);
    expect(res.body.queues.image).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 });
  });

  it('shows the account: user, plan, balance and limits', async () => {
    const user = await createTestUser(ctx, { plan: 'pro', credits: 42 });
    const res = await ctx.http.get('/api/v1/account').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: user.id, username: user.username, role: 'user', team: { name: 'Default' } },
      plan: { id: 'pro', name: 'Pro', monthly_credits: 1000 },
      credits: { balance: 42 },
      limits: { requests_per_minute: 120, requests_per_month: 100000 },
      authenticated_via: 'api_key',
    });
  });

  it('pages the usage log and validates paging', async () => {
    const user = await createTestUser(ctx);
    const usage = await ctx.http.get('/api/v1/account/usage?limit=5&offset=0').set(user.auth);
    expect(usage.status).toBe(200);
    expect(usage.body).toEqual({ items: [], total: 0, limit: 5, offset: 0 });
    const bad = await ctx.http.get('/api/v1/account/usage?limit=500').set(user.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('limit');
  });

  it('answers 401 in the error format without credentials', async () => {
    const res = await ctx.http.get('/api/v1/account');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', error: 'Missing or invalid API key' });
    expect((await ctx.http.get('/api/v1/account').set('X-API-Key', 'gk_nope')).status).toBe(401);
    expect((await ctx.http.get('/api/v1/account').set('Authorization', 'Bearer gks_nope')).status).toBe(401);
  });
});
