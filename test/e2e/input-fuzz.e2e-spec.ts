import pg from 'pg';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { fuzzOpenApi, type OpenApiDocument } from '../support/fuzz/openapi-fuzzer';
import { apiClient, bootstrapAdmin } from './api-client';

/**
 * Bad input at every door, against the spawned api and worker (issue 13, item 7): every
 * route of the OpenAPI document, as nobody, a user and an admin, with the fuzzer's
 * malformed requests. Each answer is a 4xx in the error format; afterwards the worker is
 * still ready, and no credit moved (balances and the ledger are as before).
 */
describe('malformed input on every route of the running stack', () => {
  let stack: E2eStack;
  let db: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ env: { URL_FETCH_TIMEOUT_MS: '1000' } });
    db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
    // Thousands of requests from one key: the rate limits must not answer in place of the routes.
    await db.query('UPDATE plans SET requests_per_minute = 1000000, requests_per_month = 100000000');
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('answers every malformed request with a 4xx in the error format, moves no credits and leaves the worker ready', async () => {
    const admin = await bootstrapAdmin(stack.apiUrl);
    const anonymous = apiClient(stack.apiUrl);
    const registered = await admin.client.post<{ id: string }>('/api/auth/register', { username: 'fuzzed', password: 'user-password-1' });
    await admin.client.post(`/api/auth/users/${registered.body.id}/credits`, { amount: 25, reason: 'e2e' });
    const login = await anonymous.post<{ token: string }>('/api/auth/login', { username: 'fuzzed', password: 'user-password-1' });
    const key = await anonymous.post<{ key: string }>('/api/v1/api-keys', { name: 'fuzz' }, { Authorization: `Bearer ${login.body.token}` });
    const state = async () => ({
      ledger: Number((await db.query('SELECT count(*) AS n FROM credit_ledger')).rows[0].n),
      balances: (await db.query('SELECT id, credit_balance FROM users ORDER BY id')).rows,
      tasks: Number((await db.query('SELECT count(*) AS n FROM tasks')).rows[0].n),
    });
    const before = await state();
    const doc = (await anonymous.get('/api/v1/openapi.json')).body as unknown as OpenApiDocument;

    const { findings, requests, statuses } = await fuzzOpenApi(doc, {
      baseUrl: stack.apiUrl,
      principals: { anonymous: {}, user: { 'X-API-Key': key.body.key }, admin: { 'X-API-Key': admin.apiKey } },
      seed: 7,
    });

    expect(requests).toBeGreaterThan(3000);
    expect(findings).toEqual([]);
    expect(statuses[429] ?? 0).toBe(0);
    expect(await state()).toEqual(before);
    for (const worker of stack.workers) {
      const ready = await fetch(`${worker.url}/readyz`);
      expect(ready.status).toBe(200);
    }
    expect((await fetch(`${stack.apiUrl}/readyz`)).status).toBe(200);
  });
});
