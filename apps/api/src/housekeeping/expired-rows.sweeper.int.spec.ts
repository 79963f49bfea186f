import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { ExpiredRowsSweeper } from './expired-rows.sweeper';

describe('ExpiredRowsSweeper (real Postgres)', () => {
  let ctx: ApiTestContext;

  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  it('deletes expired sessions and Idempotency-Key records, and nothing live', async () => {
    const user = await createTestUser(ctx);
    const hour = 3600_000;
    const past = new Date(Date.now() - hour);
    const future = new Date(Date.now() + hour);
    await ctx.prisma.session.createMany({
      data: [
        { userId: user.id, tokenHash: 'expired-session', expiresAt: past },
        { userId: user.id, tokenHash: 'live-session', expiresAt: future },
      ],
    });
    await ctx.prisma.idempotencyRecord.createMany({
      data: [
        { userId: user.id, key: 'old', requestHash: 'h', responseStatus: 200, responseBody: {}, expiresAt: past },
        { userId: user.id, key: 'new', requestHash: 'h', responseStatus: 200, responseBody: {}, expiresAt: future },
      ],
    });

    const swept = await ctx.app.get(ExpiredRowsSweeper).sweep();

    expect(swept).toEqual({ sessions: 1, idempotencyKeys: 1 });
    const sessions = await ctx.prisma.session.findMany({ where: { userId: user.id }, select: { tokenHash: true } });
    expect(sessions.map((s) => s.tokenHash)).toEqual(['live-session']);
    const keys = await ctx.prisma.idempotencyRecord.findMany({ where: { userId: user.id }, select: { key: true } });
    expect(keys.map((k) => k.key)).toEqual(['new']);
    // A second sweep finds nothing left to do.
    expect(await ctx.app.get(ExpiredRowsSweeper).sweep()).toEqual({ sessions: 0, idempotencyKeys: 0 });
  });
});
