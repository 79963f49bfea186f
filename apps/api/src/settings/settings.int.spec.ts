import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser } from '../../../../test/support/api-test-app';

describe('settings', () => {
  let ctx: ApiTestContext;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    ctx = await startApiTestApp();
    admin = await createTestUser(ctx, { role: 'admin' });
    user = await createTestUser(ctx);
  });
  afterAll(() => ctx.close());

  it('shows every known setting with its effective value to any authenticated caller', async () => {
    const res = await ctx.http.get('/api/v1/settings').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ open_signup: false });
    expect((await ctx.http.get('/api/v1/settings')).status).toBe(401);
  });

  it('lets an admin set a known key, stored as a row', async () => {
    const res = await ctx.http.put('/api/v1/settings/open_signup').set(admin.auth).send({ value: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: 'open_signup', value: true });
    expect(await ctx.prisma.setting.findUnique({ where: { key: 'open_signup' } })).toMatchObject({ value: true });
    expect((await ctx.http.get('/api/v1/settings').set(user.auth)).body).toEqual({ open_signup: true });
  });

  it('validates per key: wrong type, unknown key, missing value (400); users get 403', async () => {
    const wrongType = await ctx.http.put('/api/v1/settings/open_signup').set(admin.auth).send({ value: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'value', message: expect.stringContaining('boolean') }] });
    const unknown = await ctx.http.put('/api/v1/settings/shiny').set(admin.auth).send({ value: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('Unknown setting "shiny"');
    expect(unknown.body.details[0].message).toContain('open_signup');
    expect((await ctx.http.put('/api/v1/settings/open_signup').set(admin.auth).send({})).status).toBe(400);
    expect((await ctx.http.put('/api/v1/settings/open_signup').set(admin.auth).send({ value: null })).status).toBe(400);
    const forbidden = await ctx.http.put('/api/v1/settings/open_signup').set(user.auth).send({ value: false });
    expect(forbidden.status).toBe(403);
    expect(await ctx.prisma.setting.count({ where: { key: 'shiny' } })).toBe(0);
    expect((await ctx.prisma.setting.findUniqueOrThrow({ where: { key: 'open_signup' } })).value).toBe(true);
  });
});
