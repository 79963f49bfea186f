import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';

const NEW_PASSWORD = 'a brand new passphrase';

describe('POST /api/auth/change-password', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  const login = async (username: string, password: string): Promise<string> => {
    const res = await ctx.http.post('/api/auth/login').send({ username, password });
    expect(res.status).toBe(200);
    return res.body.token;
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('ends every other session and revokes every API key, but keeps the calling session', async () => {
    const user = await createTestUser(ctx);
    const current = await login(user.username, user.password);
    const other = await login(user.username, user.password);
    const created = await ctx.http.post('/api/v1/api-keys').set(bearer(current)).send({ name: 'second key' });
    expect(created.status).toBe(201);
    const secondKey: string = created.body.key;
    for (const headers of [bearer(other), user.auth, { 'X-API-Key': secondKey }]) {
      expect((await ctx.http.get('/api/auth/session').set(headers)).status).toBe(200);
    }

    const res = await ctx.http.post('/api/auth/change-password').set(bearer(current)).send({ current_password: user.password, new_password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessions_ended: 1, api_keys_revoked: 2 });

    for (const headers of [bearer(other), user.auth, { 'X-API-Key': secondKey }, { Authorization: `Bearer ${secondKey}` }]) {
      const denied = await ctx.http.get('/api/auth/session').set(headers);
      expect(denied.status).toBe(401);
      expect(denied.body.code).toBe('UNAUTHORIZED');
    }
    expect((await ctx.http.get('/api/auth/session').set(bearer(current))).status).toBe(200);
    expect(await ctx.prisma.apiKey.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

    expect((await ctx.http.post('/api/auth/login').send({ username: user.username, password: user.password })).status).toBe(401);
    await login(user.username, NEW_PASSWORD);
  });

  it('called with an API key, revokes that key too and ends all sessions', async () => {
    const user = await createTestUser(ctx);
    const session = await login(user.username, user.password);
    const res = await ctx.http.post('/api/auth/change-password').set(user.auth).send({ current_password: user.password, new_password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessions_ended: 1, api_keys_revoked: 1 });
    expect((await ctx.http.get('/api/auth/session').set(user.auth)).status).toBe(401);
    expect((await ctx.http.get('/api/auth/session').set(bearer(session))).status).toBe(401);
  });

  it('refuses a wrong current password (400) and changes nothing', async () => {
    const user = await createTestUser(ctx);
    const session = await login(user.username, user.password);
    const other = await login(user.username, user.password);
    const res = await ctx.http.post('/api/auth/change-password').set(bearer(session)).send({ current_password: 'not my password', new_password: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Current password is incorrect', code: 'VALIDATION_ERROR', details: [{ field: 'current_password', message: 'is incorrect' }] });
    expect((await ctx.http.get('/api/auth/session').set(bearer(other))).status).toBe(200);
    expect((await ctx.http.get('/api/auth/session').set(user.auth)).status).toBe(200);
    await login(user.username, user.password);
  });

  it('rejects a too-short or unchanged new password', async () => {
    const user = await createTestUser(ctx);
    const short = await ctx.http.post('/api/auth/change-password').set(user.auth).send({ current_password: user.password, new_password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'new_password' })]);
    const same = await ctx.http.post('/api/auth/change-password').set(user.auth).send({ current_password: user.password, new_password: user.password });
    expect(same.status).toBe(400);
    expect((await ctx.http.get('/api/auth/session').set(user.auth)).status).toBe(200);
  });
});
