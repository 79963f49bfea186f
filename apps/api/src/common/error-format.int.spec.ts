import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';

describe('error format for framework errors', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp({ MAX_BODY_BYTES: '2048' });
  });
  afterAll(() => ctx.close());

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.post('/api/v1/storage/presign').set(user.auth).set('Content-Type', 'application/json').send('{"filename": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Request body is not valid JSON', code: 'INVALID_JSON', details: [] });
  });

  it('answers an over-size body with 413 PAYLOAD_TOO_LARGE', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: 'A'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.details[0].limit).toBe(2048);
  });

  it('answers a wrong method on a known path with a 404 in the error format', async () => {
    const res = await ctx.http.patch('/api/v1/account');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
