import type { AddressInfo } from 'node:net';
import { fuzzOpenApi, type OpenApiDocument } from '../../../../test/support/fuzz/openapi-fuzzer';
import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser } from '../../../../test/support/api-test-app';

/**
 * Bad input at every door, in process: every route of the OpenAPI document, as nobody, a
 * user and an admin, gets the fuzzer's malformed requests; each must answer a 4xx in the
 * error format (never a 5xx, never a 2xx to a body it must refuse) and no credit may move.
 * test/e2e/input-fuzz.e2e-spec.ts runs the same walk against the spawned api and worker.
 */
describe('malformed input on every route', () => {
  let ctx: ApiTestContext;
  let baseUrl: string;
  let user: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await startApiTestApp({ URL_FETCH_TIMEOUT_MS: '1000' });
    await ctx.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    // Thousands of requests from one key: the rate limits must not answer in place of the routes.
    await ctx.prisma.plan.updateMany({ data: { requestsPerMinute: 1_000_000, requestsPerMonth: 100_000_000 } });
    user = await createTestUser(ctx, { credits: 50 });
    admin = await createTestUser(ctx, { credits: 50, role: 'admin' });
  });
  afterAll(() => ctx.close());

  it('answers every malformed request with a 4xx in the error format and moves no credits', async () => {
    const ledgerBefore = await ctx.prisma.creditLedgerEntry.count();
    const balances = async () => (await ctx.prisma.user.findMany({ where: { id: { in: [user.id, admin.id] } }, orderBy: { id: 'asc' }, select: { creditBalance: true } })).map((u) => u.creditBalance);
    const balancesBefore = await balances();
    const doc = (await ctx.http.get('/api/v1/openapi.json')).body as OpenApiDocument;

    const { findings, requests, statuses } = await fuzzOpenApi(doc, {
      baseUrl,
      principals: { anonymous: {}, user: user.auth, admin: admin.auth },
      // Fixed, so a failure reproduces; FUZZ_SEED explores other cases locally.
      seed: Number(process.env['FUZZ_SEED'] ?? 13),
    });

    expect(requests).toBeGreaterThan(3000);
    expect(findings).toEqual([]);
    // The routes answered, not the rate limiter (the plans' limits are raised above).
    expect(statuses[429] ?? 0).toBe(0);
    expect(await ctx.prisma.creditLedgerEntry.count()).toBe(ledgerBefore);
    expect(await balances()).toEqual(balancesBefore);
  });
});
