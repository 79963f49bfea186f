import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser } from '../../../../test/support/api-test-app';

const DEFAULT_TEAM = '00000000-0000-4000-8000-000000000001';

describe('teams', () => {
  let ctx: ApiTestContext;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    ctx = await startApiTestApp();
    admin = await createTestUser(ctx, { role: 'admin' });
    user = await createTestUser(ctx);
  });
  afterAll(() => ctx.close());

  it('lists teams for any authenticated caller, default team first, with member counts', async () => {
    const res = await ctx.http.get('/api/v1/teams').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [{ id: DEFAULT_TEAM, name: 'Default', is_default: true, member_count: 2, created_at: expect.any(String), updated_at: expect.any(String) }],
      total: 1,
      limit: 20,
      offset: 0,
    });
    expect((await ctx.http.get('/api/v1/teams')).status).toBe(401);
  });

  it('lets admins create (201), rename and delete teams; names are unique ignoring case (409)', async () => {
    const created = await ctx.http.post('/api/v1/teams').set(admin.auth).send({ name: ' Grading ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Grading', is_default: false, member_count: 0 });

    const dup = await ctx.http.post('/api/v1/teams').set(admin.auth).send({ name: 'GRADING' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'name' }] });

    const renamed = await ctx.http.put(`/api/v1/teams/${created.body.id}`).set(admin.auth).send({ name: 'Online' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Online' });
    expect((await ctx.http.put(`/api/v1/teams/${created.body.id}`).set(admin.auth).send({ name: 'default' })).status).toBe(409);
    expect((await ctx.http.put(`/api/v1/teams/${created.body.id}`).set(admin.auth).send({ name: 'ONLINE' })).status).toBe(200);

    const list = await ctx.http.get('/api/v1/teams?limit=1&offset=1').set(user.auth);
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: created.body.id }] });

    expect((await ctx.http.delete(`/api/v1/teams/${created.body.id}`).set(admin.auth)).status).toBe(204);
    expect(await ctx.prisma.team.count({ where: { id: created.body.id } })).toBe(0);
    expect((await ctx.http.delete(`/api/v1/teams/${created.body.id}`).set(admin.auth)).status).toBe(404);
    expect((await ctx.http.put('/api/v1/teams/nope').set(admin.auth).send({ name: 'x' })).status).toBe(404);
  });

  it('refuses to delete the default team or a team with members (409)', async () => {
    const defaultTeam = await ctx.http.delete(`/api/v1/teams/${DEFAULT_TEAM}`).set(admin.auth);
    expect(defaultTeam.status).toBe(409);
    expect(defaultTeam.body).toMatchObject({ code: 'CONFLICT', error: 'The default team cannot be deleted' });

    const team = (await ctx.http.post('/api/v1/teams').set(admin.auth).send({ name: 'Busy' })).body;
    await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ team_id: team.id }).expect(200);
    const busy = await ctx.http.delete(`/api/v1/teams/${team.id}`).set(admin.auth);
    expect(busy.status).toBe(409);
    expect(busy.body.error).toBe('Team "Busy" still has 1 member(s)');
    expect(await ctx.prisma.team.count({ where: { id: team.id } })).toBe(1);

    await ctx.http.put(`/api/auth/users/${user.id}`).set(admin.auth).send({ team_id: DEFAULT_TEAM }).expect(200);
    expect((await ctx.http.delete(`/api/v1/teams/${team.id}`).set(admin.auth)).status).toBe(204);
  });

  it('keeps management to admins (403 for users)', async () => {
    const team = (await ctx.http.post('/api/v1/teams').set(admin.auth).send({ name: 'Guarded' })).body;
    for (const res of [
      await ctx.http.post('/api/v1/teams').set(user.auth).send({ name: 'Mine' }),
      await ctx.http.put(`/api/v1/teams/${team.id}`).set(user.auth).send({ name: 'Mine' }),
      await ctx.http.delete(`/api/v1/teams/${team.id}`).set(user.auth),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect(await ctx.prisma.team.findUnique({ where: { id: team.id } })).toMatchObject({ name: 'Guarded' });
  });
});
