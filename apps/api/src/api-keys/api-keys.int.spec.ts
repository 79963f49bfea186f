import { createHash } from 'node:crypto';
import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser } from '../../../../test/support/api-test-app';

describe('API keys', () => {
  let ctx: ApiTestContext;
  let owner: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    ctx = await startApiTestApp();
    owner = await createTestUser(ctx);
    stranger = await createTestUser(ctx);
  });
  afterAll(() => ctx.close());

  it('creates a key shown once, stored only as its SHA-256 hash', async () => {
    const res = await ctx.http.post('/api/v1/api-keys').set(owner.auth).send({ name: '  my-script  ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'my-script',
      key: expect.stringMatching(/^gk_[0-9a-f]{64}$/),
      prefix: res.body.key.slice(0, 11),
      created_at: expect.stringMatching(/Z$/),
    });
    const row = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.keyHash).toBe(createHash('sha256').update(res.body.key).digest('hex'));
    expect(row.userId).toBe(owner.id);
    expect(JSON.stringify(row)).not.toContain(res.body.key);
  });

  it('lists the caller\u2019s active keys, newest first, without key or hash; sets last_used_at once used', async () => {
    const created = (await ctx.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'listed' })).body;
    let list = await ctx.http.get('/api/v1/api-keys').set(owner.auth);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(list.body.items[0]).toEqual({ id: created.id, name: 'listed', prefix: created.prefix, last_used_at: null, created_at: created.created_at });
    expect(JSON.stringify(list.body)).not.toMatch(/gk_[0-9a-f]{64}|key_hash|"key"/);
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(['listed', 'my-script', 'test']);

    await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${created.key}`).expect(200);
    list = await ctx.http.get('/api/v1/api-keys').set(owner.auth);
    const used = list.body.items.find((item: { id: string }) => item.id === created.id);
    expect(Date.now() - Date.parse(used.last_used_at)).toBeLessThan(60_000);

    const page = await ctx.http.get('/api/v1/api-keys?limit=1&offset=1').set(owner.auth);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ name: 'my-script' }] });
    expect((await ctx.http.get('/api/v1/api-keys?limit=101').set(owner.auth)).status).toBe(400);

    const strangers = await ctx.http.get('/api/v1/api-keys').set(stranger.auth);
    expect(strangers.body).toMatchObject({ total: 1, items: [{ name: 'test' }] });
  });

  it('revokes a key (204): it then gets 401 and leaves the list', async () => {
    const created = (await ctx.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'doomed' })).body;
    await ctx.http.get('/api/auth/session').set('X-API-Key', created.key).expect(200);
    const del = await ctx.http.delete(`/api/v1/api-keys/${created.id}`).set(owner.auth);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const denied = await ctx.http.get('/api/auth/session').set('X-API-Key', created.key);
    expect(denied.status).toBe(401);
    expect(denied.body.code).toBe('UNAUTHORIZED');
    const list = await ctx.http.get('/api/v1/api-keys').set(owner.auth);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
    expect((await ctx.http.delete(`/api/v1/api-keys/${created.id}`).set(owner.auth)).status).toBe(404);
  });

  it('answers 404 for another user\u2019s key, which keeps working', async () => {
    const created = (await ctx.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'mine' })).body;
    const res = await ctx.http.delete(`/api/v1/api-keys/${created.id}`).set(stranger.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'API key not found', code: 'NOT_FOUND', details: [] });
    expect((await ctx.http.get('/api/auth/session').set('X-API-Key', created.key)).status).toBe(200);
    expect((await ctx.http.delete('/api/v1/api-keys/not-a-uuid').set(owner.auth)).status).toBe(404);
  });

  it('validates the name and needs authentication', async () => {
    expect((await ctx.http.post('/api/v1/api-keys').set(owner.auth).send({ name: '   ' })).status).toBe(400);
    expect((await ctx.http.post('/api/v1/api-keys').set(owner.auth).send({ name: 'x', key: 'gk_chosen' })).status).toBe(400);
    expect((await ctx.http.post('/api/v1/api-keys').send({ name: 'x' })).status).toBe(401);
    expect((await ctx.http.get('/api/v1/api-keys')).status).toBe(401);
  });
});

describe('API keys of other users, for admins', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  it('an admin lists and revokes a user’s keys; a user cannot; unknown users and keys are 404', async () => {
    const admin = await createTestUser(ctx, { role: 'admin' });
    const user = await createTestUser(ctx);
    const other = await createTestUser(ctx);
    const extra = (await ctx.http.post('/api/v1/api-keys').set(user.auth).send({ name: 'ci' })).body;

    const list = await ctx.http.get(`/api/auth/users/${user.id}/api-keys`).set(admin.auth);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, items: [{ id: extra.id, name: 'ci', prefix: extra.prefix }, { name: 'test' }] });
    expect(JSON.stringify(list.body)).not.toMatch(/gk_[0-9a-f]{64}|key_hash/);

    // Not for ordinary users, not even about themselves or with someone else's key id.
    expect((await ctx.http.get(`/api/auth/users/${other.id}/api-keys`).set(user.auth)).status).toBe(403);
    expect((await ctx.http.delete(`/api/auth/users/${user.id}/api-keys/${extra.id}`).set(other.auth)).status).toBe(403);
    // A key id that belongs to someone else than the user named is a 404.
    expect((await ctx.http.delete(`/api/auth/users/${other.id}/api-keys/${extra.id}`).set(admin.auth)).status).toBe(404);
    expect((await ctx.http.get('/api/auth/users/00000000-0000-4000-8000-000000000000/api-keys').set(admin.auth)).status).toBe(404);
    expect((await ctx.http.get('/api/auth/users/not-a-uuid/api-keys').set(admin.auth)).status).toBe(404);

    expect((await ctx.http.delete(`/api/auth/users/${user.id}/api-keys/${extra.id}`).set(admin.auth)).status).toBe(204);
    expect((await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${extra.key}`)).status).toBe(401);
    expect((await ctx.http.get(`/api/auth/users/${user.id}/api-keys`).set(admin.auth)).body.total).toBe(1);
    expect((await ctx.http.delete(`/api/auth/users/${user.id}/api-keys/${extra.id}`).set(admin.auth)).status).toBe(404);
  });
});

describe('API keys: the cap on active keys (MAX_ACTIVE_API_KEYS=3)', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp({ MAX_ACTIVE_API_KEYS: '3' });
  });
  afterAll(() => ctx.close());

  it('refuses a key past the cap with a 409 naming it, and allows one again after a revoke', async () => {
    const user = await createTestUser(ctx); // holds one key already
    const create = (name: string) => ctx.http.post('/api/v1/api-keys').set(user.auth).send({ name });
    expect((await create('second')).status).toBe(201);
    const third = await create('third');
    expect(third.status).toBe(201);
    const fourth = await create('fourth');
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'name', max_active_keys: 3 }] });
    expect(await ctx.prisma.apiKey.count({ where: { userId: user.id } })).toBe(3);

    expect((await ctx.http.delete(`/api/v1/api-keys/${third.body.id}`).set(user.auth)).status).toBe(204);
    expect((await create('fourth')).status).toBe(201);
  });

  it('holds under concurrent requests: five at once from one key below the cap leave exactly the cap', async () => {
    const user = await createTestUser(ctx);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => ctx.http.post('/api/v1/api-keys').set(user.auth).send({ name: `k${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(await ctx.prisma.apiKey.count({ where: { userId: user.id, revokedAt: null } })).toBe(3);
  });
});
