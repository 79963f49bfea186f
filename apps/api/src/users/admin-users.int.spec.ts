import type { StorageDriver } from '@gradekit/storage';
import { createTestUser, startApiTestApp, uploadTestImage, type ApiTestContext, type TestUser } from '../../../../test/support/api-test-app';
import { solidImage } from '../../../../test/support/test-images';
import { STORAGE } from '../storage/storage.provider';

const DEFAULT_TEAM = '00000000-0000-4000-8000-000000000001';
const UNKNOWN_ID = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('user administration (/api/auth/users)', () => {
  let ctx: ApiTestContext;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    ctx = await startApiTestApp();
    admin = await createTestUser(ctx, { role: 'admin', username: 'root' });
    user = await createTestUser(ctx, { username: 'bob' });
  });
  afterAll(() => ctx.close());

  it('answers 403 FORBIDDEN to non-admins on every admin route, and 401 without credentials', async () => {
    const calls = [
      () => ctx.http.get('/api/auth/users').set(user.auth),
      () => ctx.http.put(`/api/auth/users/${user.id}`).set(user.auth).send({ role: 'admin' }),
      () => ctx.http.post(`/api/auth/users/${user.id}/reset-password`).set(user.auth).send({ new_password: 'whatever-long' }),
      () => ctx.http.delete(`/api/auth/users/${admin.id}`).set(user.auth),
      () => ctx.http.post(`/api/auth/users/${user.id}/credits`).set(user.auth).send({ amount: 5, reason: 'self-service' }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'This route is for administrators', code: 'FORBIDDEN', details: [] });
    }
    expect((await ctx.http.get('/api/auth/users')).status).toBe(401);
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: 'user', creditBalance: 0 });
  });

  it('lists users oldest first, paged', async () => {
    const res = await ctx.http.get('/api/auth/users').set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(res.body.items.map((item: { username: string }) => item.username)).toEqual(['root', 'bob']);
    expect(res.body.items[1]).toEqual({
      id: user.id,
      username: 'bob',
      email: null,
      role: 'user',
      team_id: DEFAULT_TEAM,
      plan: 'free',
      credit_balance: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain('scrypt');
    const page = await ctx.http.get('/api/auth/users?limit=1&offset=1').set(admin.auth);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ username: 'bob' }] });
    expect((await ctx.http.get('/api/auth/users?limit=0').set(admin.auth)).status).toBe(400);
  });

  it('updates role, team and plan; unknown user 404, unknown team 400', async () => {
    const team = await ctx.prisma.team.create({ data: { name: 'Finishing' } });
    const res = await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ plan: 'business', team_id: team.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, plan: 'business', team_id: team.id, role: 'user' });
    // The next request already sees the new plan.
    expect((await ctx.http.get('/api/auth/session').set(user.auth)).body.plan.id).toBe('business');

    expect((await ctx.http.put(`/api/auth/users/${UNKNOWN_ID}`).set(admin.auth).send({ plan: 'pro' })).status).toBe(404);
    expect((await ctx.http.put('/api/auth/users/123').set(admin.auth).send({ plan: 'pro' })).status).toBe(404);
    const badTeam = await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ team_id: UNKNOWN_ID });
    expect(badTeam.status).toBe(400);
    expect(badTeam.body.details).toEqual([{ field: 'team_id', message: expect.stringContaining('no team') }]);
    expect((await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ plan: 'platinum' })).status).toBe(400);
    expect((await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ credit_balance: 1e6 })).status).toBe(400);
    await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ plan: 'free', team_id: DEFAULT_TEAM }).expect(200);
  });

  it('never demotes or deletes the last admin (409), and an admin cannot delete themself', async () => {
    const demote = await ctx.http.put(`/api/auth/users/${admin.id}`).set(admin.auth).send({ role: 'user' });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('CONFLICT');
    const self = await ctx.http.delete(`/api/auth/users/${admin.id}`).set(admin.auth);
    expect(self.status).toBe(409);
    expect(self.body.error).toBe('You cannot delete your own account');

    // With a second admin, the first may step down; the second then is the last one.
    const second = await createTestUser(ctx, { role: 'admin' });
    expect((await ctx.http.put(`/api/auth/users/${admin.id}`).set(admin.auth).send({ role: 'user' })).status).toBe(200);
    expect((await ctx.http.put(`/api/auth/users/${second.id}`).set(second.auth).send({ role: 'user' })).status).toBe(409);
    expect(await ctx.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    await ctx.http.put(`/api/auth/users/${admin.id}`).set(second.auth).send({ role: 'admin' }).expect(200);
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const a = await createTestUser(ctx, { role: 'admin' });
    const b = await createTestUser(ctx, { role: 'admin' });
    // Three admins now (root, a, b): demote root first so a and b are the last two.
    await ctx.http.put(`/api/auth/users/${admin.id}`).set(a.auth).send({ role: 'user' }).expect(200);
    const otherAdmins = await ctx.prisma.user.findMany({ where: { role: 'admin', id: { notIn: [a.id, b.id] } } });
    for (const other of otherAdmins) await ctx.prisma.user.update({ where: { id: other.id }, data: { role: 'user' } });
    const [ab, ba] = await Promise.all([
      ctx.http.put(`/api/auth/users/${b.id}`).set(a.auth).send({ role: 'user' }),
      ctx.http.put(`/api/auth/users/${a.id}`).set(b.auth).send({ role: 'user' }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 409]);
    expect(await ctx.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    // Restore root for the tests below.
    const survivor = ab.status === 200 ? a : b;
    await ctx.http.put(`/api/auth/users/${admin.id}`).set(survivor.auth).send({ role: 'admin' }).expect(200);
  });

  it('grants credits into the ledger with the admin as actor; the balance equals the ledger sum', async () => {
    const target = await createTestUser(ctx, { credits: 10 });
    const res = await ctx.http.post(`/api/auth/users/${target.id}/credits`).set(admin.auth).send({ amount: 250, reason: 'Conference demo' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user_id: target.id, amount: 250, reason: 'Conference demo', credit_balance: 260 });
    const entry = await ctx.prisma.creditLedgerEntry.findFirstOrThrow({ where: { userId: target.id, reason: 'Conference demo' } });
    expect(entry).toMatchObject({ kind: 'grant', amount: 250, balanceAfter: 260, actorId: admin.id });
    const sum = await ctx.prisma.creditLedgerEntry.aggregate({ where: { userId: target.id }, _sum: { amount: true } });
    expect(sum._sum.amount).toBe(260);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).creditBalance).toBe(260);

    for (const body of [{ amount: 0, reason: 'x' }, { amount: -5, reason: 'x' }, { amount: 1.5, reason: 'x' }, { amount: 5 }, { amount: 5, reason: '' }, { amount: '5', reason: 'x' }]) {
      expect((await ctx.http.post(`/api/auth/users/${target.id}/credits`).set(admin.auth).send(body)).status).toBe(400);
    }
    expect((await ctx.http.post(`/api/auth/users/${UNKNOWN_ID}/credits`).set(admin.auth).send({ amount: 5, reason: 'x' })).status).toBe(404);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).creditBalance).toBe(260);
  });

  it('resets a password: the old one stops working and the user\u2019s sessions end; API keys stay', async () => {
    const target = await createTestUser(ctx);
    const token = (await ctx.http.post('/api/auth/login').send({ username: target.username, password: target.password })).body.token;
    const res = await ctx.http.post(`/api/auth/users/${target.id}/reset-password`).set(admin.auth).send({ new_password: 'reset by an admin' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessions_ended: 1, api_keys_revoked: 0 });
    expect((await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await ctx.http.get('/api/auth/session').set(target.auth)).status).toBe(200);
    expect((await ctx.http.post('/api/auth/login').send({ username: target.username, password: target.password })).status).toBe(401);
    expect((await ctx.http.post('/api/auth/login').send({ username: target.username, password: 'reset by an admin' })).status).toBe(200);
    expect((await ctx.http.post(`/api/auth/users/${target.id}/reset-password`).set(admin.auth).send({ new_password: 'short' })).status).toBe(400);
    expect((await ctx.http.post(`/api/auth/users/${UNKNOWN_ID}/reset-password`).set(admin.auth).send({ new_password: 'long enough pw' })).status).toBe(404);
  });

  it('deletes a user with all their rows and files (204); their credentials stop working', async () => {
    const target = await createTestUser(ctx, { credits: 5 });
    const bystander = await createTestUser(ctx);
    const photo = await solidImage(8, 8, { r: 200, g: 100, b: 50 });
    const [theirFile, otherFile] = await Promise.all([uploadTestImage(ctx, target.auth, photo), uploadTestImage(ctx, bystander.auth, photo)]);
    const storage = ctx.app.get<StorageDriver>(STORAGE);
    expect(await storage.head(theirFile)).not.toBeNull();
    const token = (await ctx.http.post('/api/auth/login').send({ username: target.username, password: target.password })).body.token;
    await ctx.prisma.usageLogEntry.create({ data: { userId: target.id, op: 'GET /x', method: 'GET', path: '/x', status: 200, durationMs: 1 } });
    await ctx.prisma.task.create({ data: { userId: target.id, op: 'analyze', queue: 'image', params: {}, inputs: {} } });
    const res = await ctx.http.delete(`/api/auth/users/${target.id}`).set(admin.auth);
    expect(res.status).toBe(204);
    const where = { where: { userId: target.id } };
    const counts = await Promise.all([
      ctx.prisma.user.count({ where: { id: target.id } }),
      ctx.prisma.session.count(where),
      ctx.prisma.apiKey.count(where),
      ctx.prisma.creditLedgerEntry.count(where),
      ctx.prisma.usageLogEntry.count(where),
      ctx.prisma.task.count(where),
    ]);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
    // Their stored files went with them; nobody else's did.
    expect(await storage.head(theirFile)).toBeNull();
    expect(await storage.head(otherFile)).not.toBeNull();
    expect((await ctx.http.get('/api/auth/session').set(target.auth)).status).toBe(401);
    expect((await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await ctx.http.delete(`/api/auth/users/${target.id}`).set(admin.auth)).status).toBe(404);
  });

  it('two admins deleting each other at once leave one admin (the last admin cannot be deleted)', async () => {
    const a = await createTestUser(ctx, { role: 'admin' });
    const b = await createTestUser(ctx, { role: 'admin' });
    await ctx.prisma.user.updateMany({ where: { role: 'admin', id: { notIn: [a.id, b.id] } }, data: { role: 'user' } });
    const [ab, ba] = await Promise.all([ctx.http.delete(`/api/auth/users/${b.id}`).set(a.auth), ctx.http.delete(`/api/auth/users/${a.id}`).set(b.auth)]);
    expect([ab.status, ba.status].sort()).toEqual([204, 409]);
    const loser = ab.status === 409 ? ab : ba;
    expect(loser.body.error).toContain('at least one admin');
    expect(await ctx.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
  });
});
