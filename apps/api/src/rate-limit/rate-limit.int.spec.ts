import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { generateApiKey } from '../auth/secrets';

describe('rate limiting (Redis, per API key per minute, per user per month)', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
    await ctx.prisma.plan.update({ where: { id: 'free' }, data: { requestsPerMinute: 3, requestsPerMonth: 1000 } });
    await ctx.prisma.plan.update({ where: { id: 'pro' }, data: { requestsPerMinute: 100, requestsPerMonth: 4 } });
  });
  afterAll(() => ctx.close());

  it('sets the headers and answers 429 with Retry-After past the per-minute limit', async () => {
    const user = await createTestUser(ctx, { plan: 'free' });
    const first = await ctx.http.get('/api/v1/account').set(user.auth);
    expect(first.status).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    const reset = Number(first.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    expect(first.headers['x-ratelimit-monthly-limit']).toBe('1000');
    expect(first.headers['x-ratelimit-monthly-remaining']).toBe('999');
    await ctx.http.get('/api/v1/account').set(user.auth).expect(200);
    const third = await ctx.http.get('/api/v1/account').set(user.auth);
    expect(third.headers['x-ratelimit-remaining']).toBe('0');
    const limited = await ctx.http.get('/api/v1/account').set(user.auth);
    // Minute-boundary tolerance: if the window rolled over between calls, the 4th is allowed.
    if (limited.status !== 429) {
      expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(reset);
      return;
    }
    expect(limited.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts per API key: a second key of the same user has its own minute window', async () => {
    const user = await createTestUser(ctx, { plan: 'free' });
    for (let i = 0; i < 3; i++) await ctx.http.get('/api/v1/account').set(user.auth);
    const created = await ctx.prisma.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    const second = generateApiKey();
    await ctx.prisma.apiKey.create({ data: { userId: user.id, name: 'second', prefix: second.prefix, keyHash: second.hash } });
    const res = await ctx.http.get('/api/v1/account').set('X-API-Key', second.key);
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-remaining']).toBe('2');
    // The monthly window is per user: it counted all four.
    expect(res.headers['x-ratelimit-monthly-remaining']).toBe('996');
    expect(created.id).not.toBe(undefined);
  });

  it('applies the monthly limit of the plan', async () => {
    const user = await createTestUser(ctx, { plan: 'pro' });
    for (let i = 0; i < 4; i++) await ctx.http.get('/api/v1/account').set(user.auth).expect(200);
    const res = await ctx.http.get('/api/v1/account').set(user.auth);
    expect(res.status).toBe(429);
    expect(res.body.error).toBe('Monthly request limit reached');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('does not count anonymous requests to public routes', async () => {
    const res = await ctx.http.get('/healthz');
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });
});
