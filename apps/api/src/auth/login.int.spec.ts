import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser } from '../../../../test/support/api-test-app';
import { sha256Hex } from './secrets';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('sessions: login, session, logout, credentials', () => {
  let ctx: ApiTestContext;
  let alice: TestUser;
  beforeAll(async () => {
    ctx = await startApiTestApp();
    alice = await createTestUser(ctx, { plan: 'pro', credits: 25 });
    await ctx.prisma.user.update({ where: { id: alice.id }, data: { email: 'alice@example.com' } });
  });
  afterAll(() => ctx.close());

  const login = (username: string, password: string) => ctx.http.post('/api/auth/login').send({ username, password });

  it('logs in with the username and returns a session token that works as a Bearer token', async () => {
    const before = Date.now();
    const res = await login(alice.username.toUpperCase(), alice.password).set('User-Agent', 'jest-agent');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: expect.stringMatching(/^gks_[0-9a-f]{64}$/), expires_at: expect.stringMatching(ISO), user: expect.objectContaining({ id: alice.id, username: alice.username }) });
    expect(res.body.user).not.toHaveProperty('password_hash');
    const ttl = Date.parse(res.body.expires_at) - before;
    expect(ttl).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600_000 + 60_000);

    const row = await ctx.prisma.session.findUniqueOrThrow({ where: { tokenHash: sha256Hex(res.body.token) } });
    expect(row).toMatchObject({ userId: alice.id, userAgent: 'jest-agent' });

    const session = await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${res.body.token}`);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      user: expect.objectContaining({ id: alice.id, role: 'user', plan: 'pro', credit_balance: 25 }),
      team: { id: '00000000-0000-4000-8000-000000000001', name: 'Default' },
      plan: { id: 'pro', name: 'Pro', monthly_credits: 1000, requests_per_minute: 120, requests_per_month: 100000 },
      credit_balance: 25,
      authenticated_via: 'session',
      api_key_id: null,
      expires_at: res.body.expires_at,
    });
  });

  it('logs in with the email too', async () => {
    const res = await login('ALICE@example.com', alice.password);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(alice.id);
  });

  it('stops accepting a session once it has expired', async () => {
    const { token } = (await login(alice.username, alice.password)).body;
    await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`).expect(200);
    await ctx.prisma.session.update({ where: { tokenHash: sha256Hex(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('answers a wrong password and an unknown user with the same 401 INVALID_CREDENTIALS', async () => {
    const sessionsBefore = await ctx.prisma.session.count({ where: { userId: alice.id } });
    const wrong = await login(alice.username, 'not the password');
    const unknown = await login('nobody-here', 'not the password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Invalid username or password', code: 'INVALID_CREDENTIALS', details: [] });
    }
    expect(await ctx.prisma.session.count({ where: { userId: alice.id } })).toBe(sessionsBefore);
  });

  it('logs out: the token stops working; with an API key logout is a 400', async () => {
    const { token } = (await login(alice.username, alice.password)).body;
    const out = await ctx.http.post('/api/auth/logout').set('Authorization', `Bearer ${token}`);
    expect(out.status).toBe(204);
    expect(await ctx.prisma.session.count({ where: { tokenHash: sha256Hex(token) } })).toBe(0);
    expect((await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`)).status).toBe(401);

    const withKey = await ctx.http.post('/api/auth/logout').set(alice.auth);
    expect(withKey.status).toBe(400);
    expect(withKey.body.error).toContain('API key');
    expect((await ctx.http.get('/api/auth/session').set(alice.auth)).status).toBe(200);
  });

  it('accepts an API key as X-API-Key and as Authorization: Bearer gk_…', async () => {
    const keyRow = await ctx.prisma.apiKey.findFirstOrThrow({ where: { userId: alice.id } });
    for (const headers of [{ 'X-API-Key': alice.apiKey }, { Authorization: `Bearer ${alice.apiKey}` }]) {
      const res = await ctx.http.get('/api/auth/session').set(headers);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ authenticated_via: 'api_key', api_key_id: keyRow.id, expires_at: null, user: { id: alice.id } });
    }
  });

  it('answers missing or invalid credentials with 401 UNAUTHORIZED in the error format', async () => {
    const cases = [
      {},
      { 'X-API-Key': 'gk_' + '0'.repeat(64) },
      { Authorization: 'Bearer gks_' + '0'.repeat(64) },
      { Authorization: 'Basic Zm9vOmJhcg==' },
    ];
    for (const headers of cases) {
      const res = await ctx.http.get('/api/auth/session').set(headers);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: expect.any(String), code: 'UNAUTHORIZED', details: expect.any(Array) });
      expect(res.body.details.length).toBeGreaterThan(0);
    }
  });
});

describe('login throttling', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '5', LOGIN_WINDOW_SECONDS: '120' });
  });
  afterAll(() => ctx.close());

  // `trust proxy` accepts X-Forwarded-For from loopback, so each request can come from its own address.
  const loginFrom = (ip: string, username: string, password: string) => ctx.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  it('locks an account after its attempts are used up, whatever the address, even for the right password', async () => {
    const user = await createTestUser(ctx);
    for (let i = 1; i <= 3; i++) expect((await loginFrom(`203.0.113.${i}`, user.username, 'wrong password')).status).toBe(401);
    const locked = await loginFrom('203.0.113.4', user.username, user.password);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'RATE_LIMITED', details: [{ scope: 'account', limit: 3, retry_after: expect.any(Number) }] });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(await ctx.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('locks an address after its attempts are used up, whatever the account', async () => {
    const user = await createTestUser(ctx);
    for (let i = 1; i <= 5; i++) expect((await loginFrom('198.51.100.7', `ghost${i}`, 'wrong password')).status).toBe(401);
    const locked = await loginFrom('198.51.100.7', user.username, user.password);
    expect(locked.status).toBe(429);
    expect(locked.body.details[0]).toMatchObject({ scope: 'ip', limit: 5 });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await loginFrom('198.51.100.8', user.username, user.password)).status).toBe(200);
  });

  it('resets the account counter after a successful login', async () => {
    const user = await createTestUser(ctx);
    expect((await loginFrom('192.0.2.1', user.username, 'wrong password')).status).toBe(401);
    expect((await loginFrom('192.0.2.2', user.username, 'wrong password')).status).toBe(401);
    expect((await loginFrom('192.0.2.3', user.username, user.password)).status).toBe(200);
    // Without the reset this would be attempt 4 of 3.
    expect((await loginFrom('192.0.2.4', user.username, 'wrong password')).status).toBe(401);
    expect((await loginFrom('192.0.2.5', user.username, user.password)).status).toBe(200);
  });
});
