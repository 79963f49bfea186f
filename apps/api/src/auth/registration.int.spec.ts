import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';

const PASSWORD = 'correct horse battery staple';

describe('POST /api/auth/register', () => {
  describe('on an empty instance', () => {
    let ctx: ApiTestContext;
    beforeAll(async () => {
      ctx = await startApiTestApp();
    });
    afterAll(() => ctx.close());

    it('lets the first user register without credentials and makes them admin, with the plan\u2019s credits granted', async () => {
      const res = await ctx.http.post('/api/auth/register').send({ username: 'Founder', password: PASSWORD, email: 'Founder@Example.com' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: 'founder',
        email: 'founder@example.com',
        role: 'admin',
        team_id: '00000000-0000-4000-8000-000000000001',
        plan: 'free',
        credit_balance: 50,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updated_at: expect.any(String),
      });
      const row = await ctx.prisma.user.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row.passwordHash).toMatch(/^scrypt\$/);
      expect(row.passwordHash).not.toContain(PASSWORD);
      const ledger = await ctx.prisma.creditLedgerEntry.findMany({ where: { userId: res.body.id } });
      expect(ledger).toEqual([expect.objectContaining({ kind: 'grant', amount: 50, balanceAfter: 50, reason: 'plan:free initial grant', actorId: null })]);
    });

    it('then closes: 401 without credentials, 403 for a user, 201 for an admin with role, team and plan', async () => {
      const anonymous = await ctx.http.post('/api/auth/register').send({ username: 'second', password: PASSWORD });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ code: 'UNAUTHORIZED', error: expect.stringContaining('Registration is closed') });

      const user = await createTestUser(ctx);
      const byUser = await ctx.http.post('/api/auth/register').set(user.auth).send({ username: 'second', password: PASSWORD });
      expect(byUser.status).toBe(403);
      expect(byUser.body.code).toBe('FORBIDDEN');

      const admin = await createTestUser(ctx, { role: 'admin' });
      const team = await ctx.prisma.team.create({ data: { name: 'Colourists' } });
      const byAdmin = await ctx.http.post('/api/auth/register').set(admin.auth).send({ username: 'second', password: PASSWORD, role: 'admin', plan: 'pro', team_id: team.id });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body).toMatchObject({ username: 'second', role: 'admin', plan: 'pro', team_id: team.id, credit_balance: 1000 });
      const grant = await ctx.prisma.creditLedgerEntry.findFirstOrThrow({ where: { userId: byAdmin.body.id } });
      expect(grant).toMatchObject({ amount: 1000, reason: 'plan:pro initial grant', actorId: admin.id });
      expect(await ctx.prisma.user.count({ where: { username: 'second' } })).toBe(1);
    });

    it('refuses duplicate usernames ignoring case (409) and unknown teams (400)', async () => {
      const admin = await createTestUser(ctx, { role: 'admin' });
      const dup = await ctx.http.post('/api/auth/register').set(admin.auth).send({ username: 'SECOND', password: PASSWORD });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'username', message: expect.any(String) }] });
      const dupEmail = await ctx.http.post('/api/auth/register').set(admin.auth).send({ username: 'third', password: PASSWORD, email: 'FOUNDER@example.com' });
      expect(dupEmail.status).toBe(409);
      const team = await ctx.http.post('/api/auth/register').set(admin.auth).send({ username: 'third', password: PASSWORD, team_id: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });
      expect(team.status).toBe(400);
      expect(team.body.details).toEqual([{ field: 'team_id', message: expect.stringContaining('no team') }]);
    });

    it('validates the body field by field and rejects unknown fields', async () => {
      const admin = await createTestUser(ctx, { role: 'admin' });
      const res = await ctx.http.post('/api/auth/register').set(admin.auth).send({ username: 'a@b', password: 'short', plan: 'gold', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      const fields = res.body.details.map((detail: { field: string }) => detail.field).sort();
      expect(fields).toEqual(['extra', 'password', 'plan', 'username']);
    });
  });

  describe('open_signup', () => {
    let ctx: ApiTestContext;
    beforeAll(async () => {
      ctx = await startApiTestApp();
    });
    afterAll(() => ctx.close());

    it('flips anonymous registration on as a free user in the default team, and role/plan/team from non-admins stay 403', async () => {
      const admin = await createTestUser(ctx, { role: 'admin' });
      expect((await ctx.http.post('/api/auth/register').send({ username: 'walkin', password: PASSWORD })).status).toBe(401);

      const put = await ctx.http.put('/api/v1/settings/open_signup').set(admin.auth).send({ value: true });
      expect(put.status).toBe(200);

      const res = await ctx.http.post('/api/auth/register').send({ username: 'walkin', password: PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ role: 'user', plan: 'free', team_id: '00000000-0000-4000-8000-000000000001', credit_balance: 50 });

      for (const extra of [{ role: 'admin' }, { plan: 'pro' }, { team_id: '00000000-0000-4000-8000-000000000001' }]) {
        const sneaky = await ctx.http.post('/api/auth/register').send({ username: 'sneaky', password: PASSWORD, ...extra });
        expect(sneaky.status).toBe(403);
        expect(sneaky.body).toMatchObject({ code: 'FORBIDDEN', details: [{ field: Object.keys(extra)[0] }] });
      }
      expect(await ctx.prisma.user.count({ where: { username: 'sneaky' } })).toBe(0);

      await ctx.http.put('/api/v1/settings/open_signup').set(admin.auth).send({ value: false }).expect(200);
      expect((await ctx.http.post('/api/auth/register').send({ username: 'late', password: PASSWORD })).status).toBe(401);
    });

    it('takes its default from OPEN_SIGNUP', async () => {
      const open = await startApiTestApp({ OPEN_SIGNUP: 'true' });
      try {
        await createTestUser(open);
        const res = await open.http.post('/api/auth/register').send({ username: 'walkin', password: PASSWORD });
        expect(res.status).toBe(201);
        expect(res.body.role).toBe('user');
      } finally {
        await open.close();
      }
    });
  });

  describe('concurrent first registrations', () => {
    let ctx: ApiTestContext;
    beforeAll(async () => {
      ctx = await startApiTestApp();
    });
    afterAll(() => ctx.close());

    it('make exactly one admin; the others are judged as later registrations (closed: 401)', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => ctx.http.post('/api/auth/register').send({ username: `racer${i}`, password: PASSWORD })),
      );
      // 12 at once: enough overlap that, without the users lock, several become admin (checked by removing it).
      const statuses = attempts.map((res) => res.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(11).fill(401)]);
      expect(await ctx.prisma.user.count()).toBe(1);
      expect(await ctx.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    });
  });
});
