import { createHash } from 'node:crypto';
import { seedDemo } from '../../../../prisma/seed';
import { startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { openAdminContext } from '../../../../tools/admin/admin-context';
import { runAdminCli } from '../../../../tools/admin-cli';

/**
 * The admin CLI (tools/admin-cli.ts) and the demo seed (prisma/seed.ts), run as
 * functions against a real database; what they create is then used through the api.
 * (They live here because the integration project only collects apps/ and libs/.)
 */
/** The JSON a command printed (fields read by the tests below). */
interface CliOutput {
  password?: string;
  id?: string;
  key?: string;
  user?: { id: string };
  [field: string]: unknown;
}

describe('admin CLI and seed', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: CliOutput }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli(argv, { databaseUrl: ctx.db.url, stdout: (line) => out.push(line), stderr: (line) => err.push(line) });
    let json: CliOutput = {};
    try {
      json = JSON.parse(out.join('\n'));
    } catch {
      // usage text
    }
    return { code, out: out.join('\n'), err: err.join('\n'), json };
  }

  it('creates a user with a generated password that logs in, with the plan\u2019s initial grant', async () => {
    const res = await cli('create-user', 'Carol', '--plan', 'business', '--role', 'admin', '--email', 'carol@example.com');
    expect(res.code).toBe(0);
    expect(res.json).toMatchObject({ user: { username: 'carol', role: 'admin', plan: 'business', credit_balance: 5000, email: 'carol@example.com' }, password: expect.any(String) });
    const login = await ctx.http.post('/api/auth/login').send({ username: 'carol', password: res.json.password! });
    expect(login.status).toBe(200);
    const ledger = await ctx.prisma.creditLedgerEntry.findMany({ where: { userId: res.json.user!.id } });
    expect(ledger).toEqual([expect.objectContaining({ amount: 5000, reason: 'plan:business initial grant' })]);

    const dup = await cli('create-user', 'CAROL', '--password', 'long enough password');
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.err)).toMatchObject({ code: 'CONFLICT' });
  });

  it('grants credits, sets a plan and creates an API key that the api accepts', async () => {
    await cli('create-user', 'dave', '--password', 'dave password 123');
    const grant = await cli('grant-credits', 'dave', '75', '--reason', 'beta tester');
    expect(grant.code).toBe(0);
    expect(grant.json).toMatchObject({ username: 'dave', amount: 75, credit_balance: 125 });
    const entry = await ctx.prisma.creditLedgerEntry.findFirstOrThrow({ where: { reason: 'beta tester' } });
    expect(entry).toMatchObject({ kind: 'grant', amount: 75, balanceAfter: 125, actorId: null });

    const plan = await cli('set-plan', 'dave', 'enterprise');
    expect(plan.code).toBe(0);
    expect(plan.json).toMatchObject({ user: { plan: 'enterprise', credit_balance: 125 } });

    const key = await cli('create-api-key', 'dave', '--name', 'ci');
    expect(key.code).toBe(0);
    expect(key.json).toMatchObject({ username: 'dave', name: 'ci', key: expect.stringMatching(/^gk_[0-9a-f]{64}$/) });
    const row = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: key.json.id! } });
    expect(row.keyHash).toBe(createHash('sha256').update(key.json.key!).digest('hex'));
    const session = await ctx.http.get('/api/auth/session').set('X-API-Key', key.json.key!);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { username: 'dave' }, plan: { id: 'enterprise' }, credit_balance: 125 });
  });

  it('sets a password and ends the user\u2019s sessions', async () => {
    await cli('create-user', 'erin', '--password', 'erin password 1');
    const token = (await ctx.http.post('/api/auth/login').send({ username: 'erin', password: 'erin password 1' })).body.token;
    const res = await cli('set-password', 'erin');
    expect(res.code).toBe(0);
    expect(res.json).toMatchObject({ sessions_ended: 1, password: expect.any(String) });
    expect((await ctx.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await ctx.http.post('/api/auth/login').send({ username: 'erin', password: res.json.password! })).status).toBe(200);
  });

  it('refuses bad input with exit codes 1 (refused) and 2 (usage)', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('help')).code).toBe(0);
    expect((await cli('launch-rockets')).code).toBe(2);
    expect((await cli('grant-credits', 'dave', '-3', '--reason', 'x')).code).toBe(2);
    expect((await cli('grant-credits', 'dave', '3')).err).toContain('--reason is required');
    expect((await cli('set-plan', 'dave', 'pro', '--froce', 'yes')).err).toContain('--froce');
    const missing = await cli('grant-credits', 'nobody', '5', '--reason', 'x');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await cli('set-plan', 'dave', 'gold')).code).toBe(1);
    expect((await cli('create-user', 'bad name!')).code).toBe(1);
    expect(await ctx.prisma.user.count({ where: { username: 'nobody' } })).toBe(0);
  });

  it('seeds an admin demo user on pro with ≥ 100 credits and a fresh quickstart key, idempotently', async () => {
    const tools = openAdminContext(ctx.db.url);
    try {
      const first = await seedDemo(tools);
      expect(first).toEqual({ username: 'demo', api_key: expect.stringMatching(/^gk_[0-9a-f]{64}$/), password: expect.any(String) });
      const session = await ctx.http.get('/api/auth/session').set('X-API-Key', first.api_key);
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({ user: { username: 'demo', role: 'admin', plan: 'pro' }, credit_balance: 1000 });
      expect((await ctx.http.post('/api/auth/login').send({ username: 'demo', password: first.password })).status).toBe(200);

      // Drained and demoted since: the next run restores it, and replaces the key.
      const demo = await ctx.prisma.user.findUniqueOrThrow({ where: { username: 'demo' } });
      await ctx.prisma.$transaction([
        ctx.prisma.user.update({ where: { id: demo.id }, data: { role: 'user', planId: 'free', creditBalance: 40 } }),
        ctx.prisma.creditLedgerEntry.create({ data: { userId: demo.id, kind: 'charge', amount: -960, balanceAfter: 40, reason: 'test drain' } }),
      ]);
      const second = await seedDemo(tools);
      expect(second).toEqual({ username: 'demo', api_key: expect.stringMatching(/^gk_/) });
      expect(second.api_key).not.toBe(first.api_key);
      expect((await ctx.http.get('/api/auth/session').set('X-API-Key', first.api_key)).status).toBe(401);
      const after = await ctx.http.get('/api/auth/session').set('X-API-Key', second.api_key);
      expect(after.body).toMatchObject({ user: { role: 'admin', plan: 'pro' }, credit_balance: 100 });
      const sum = await ctx.prisma.creditLedgerEntry.aggregate({ where: { userId: demo.id }, _sum: { amount: true } });
      expect(sum._sum.amount).toBe(100);
      expect(await ctx.prisma.user.count({ where: { username: 'demo' } })).toBe(1);
      expect(await ctx.prisma.apiKey.count({ where: { userId: demo.id, name: 'quickstart', revokedAt: null } })).toBe(1);
    } finally {
      await tools.close();
    }
  });
  it('audits the ledger: a clean database passes (exit 0), a drifted balance is reported (exit 1)', async () => {
    const clean = await cli('audit-ledger', '--stuck-minutes', '60');
    expect(clean.code).toBe(0);
    expect(clean.json).toMatchObject({ problems: [] });
    const user = await ctx.prisma.user.findFirstOrThrow({ where: { username: 'dave' } });
    await ctx.prisma.user.update({ where: { id: user.id }, data: { creditBalance: { increment: 7 } } });
    try {
      const drifted = await cli('audit-ledger');
      expect(drifted.code).toBe(1);
      expect(JSON.parse(drifted.err)).toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ kind: 'balance_mismatch', user_id: user.id })] });
      expect((await cli('audit-ledger', '--stuck-minutes', 'soon')).code).toBe(2);
    } finally {
      await ctx.prisma.user.update({ where: { id: user.id }, data: { creditBalance: { decrement: 7 } } });
    }
  });
});
