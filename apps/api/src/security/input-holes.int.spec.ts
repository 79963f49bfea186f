import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { MAX_JSON_DEPTH } from '../common/json-shape';

/** The holes issue 13 found at the api's doors, each closed (the fuzzer walks the rest: input-fuzz.int.spec.ts). */
describe('bad input at the doors', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp({ MAX_BODY_BYTES: String(4 * 1024 * 1024) });
  });
  afterAll(() => ctx.close());

  const json = (body: string) => ({ 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });

  it('refuses a body nested thousands of levels deep with a 400 naming the limit, before any transform', async () => {
    const deep = '{"username":'.repeat(4000) + '"x"' + '}'.repeat(4000);
    const login = await ctx.http.post('/api/auth/login').set(json(deep)).send(deep);
    expect(login.status).toBe(400);
    expect(login.body).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ limit: MAX_JSON_DEPTH }] });
    expect(login.body.error).toContain(String(MAX_JSON_DEPTH));

    const user = await createTestUser(ctx);
    const arrays = `{"target_keys":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const batch = await ctx.http.post('/api/v1/match/batch').set(user.auth).set(json(arrays)).send(arrays);
    expect(batch.status).toBe(400);
    expect(batch.body.details[0]).toMatchObject({ field: expect.stringMatching(/^target_keys/), limit: MAX_JSON_DEPTH });
  });

  it('accepts a body just inside the limit', async () => {
    const user = await createTestUser(ctx);
    // A list nested to the limit reaches validation (a 400 about the field), not the depth check.
    const body = `{"name":"n","steps":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    const res = await ctx.http.post('/api/v1/actions').set(user.auth).set(json(body)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details.some((d: { limit?: number }) => d.limit === MAX_JSON_DEPTH)).toBe(false);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key as an unknown field, at any depth', async (key) => {
    const user = await createTestUser(ctx);
    const top = `{"${key}":{"role":"admin"},"filename":"a.png","content_type":"image/png"}`;
    const res = await ctx.http.post('/api/v1/storage/presign').set(user.auth).set(json(top)).send(top);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: key, message: `unknown field "${key}"` }]);

    const nested = `{"username":"a","password":{"x":{"${key}":1}}}`;
    const login = await ctx.http.post('/api/auth/login').set(json(nested)).send(nested);
    expect(login.status).toBe(400);
    expect(login.body.details).toEqual([{ field: `password.x.${key}`, message: `unknown field "password.x.${key}"` }]);
  });

  it('refuses NUL characters, which Postgres cannot store, with a 400 naming the field', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.post('/api/v1/api-keys').set(user.auth).send({ name: 'a\u0000b' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'name', message: 'must not contain NUL (U+0000) characters' }]);
  });

  it('refuses prototype keys in the query string too', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.get('/api/v1/account/usage?__proto__=1').set(user.auth);
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: '__proto__' });
  });

  it('authenticates from the headers before it reads the body', async () => {
    // Not JSON at all, and larger than MAX_BODY_BYTES: without a key the answer is the 401, so the body was never parsed.
    const garbage = '{'.repeat(5 * 1024 * 1024);
    const res = await ctx.http.post('/api/v1/storage/presign').set(json(garbage)).send(garbage);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    const user = await createTestUser(ctx);
    const authed = await ctx.http.post('/api/v1/storage/presign').set(user.auth).set(json('{"filename":')).send('{"filename":');
    expect(authed.body.code).toBe('INVALID_JSON');
  });

  it('refuses a top-level array or a non-JSON body instead of using the DTO defaults', async () => {
    const user = await createTestUser(ctx);
    const array = await ctx.http.post('/api/v1/storage/presign').set(user.auth).set(json('[]')).send('[]');
    expect(array.status).toBe(400);
    expect(array.body.error).toBe('Request body must be a JSON object');
    const text = await ctx.http.post('/api/v1/storage/presign').set(user.auth).set('Content-Type', 'text/plain').send('{"filename":"a.png"}');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const gzip = await ctx.http.post('/api/v1/storage/presign').set(user.auth).set({ ...json('{}'), 'Content-Encoding': 'gzip' }).send('{}');
    expect(gzip.status).toBe(400);
    expect(gzip.body.code).toBe('VALIDATION_ERROR');
  });

  it('refuses an offset past what a list can skip with a 400, not a database error', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.get('/api/v1/account/usage?offset=99999999999999999999').set(user.auth);
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'offset' });
  });

  it("names the request's field, not `url`, when the SSRF guard refuses an input URL", async () => {
    const user = await createTestUser(ctx, { credits: 2 });
    const res = await ctx.http.post('/api/v1/match').set(user.auth).send({ reference: 'http://169.254.169.254/latest/meta-data/', target: 'http://10.0.0.1/x.jpg' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('URL_NOT_ALLOWED');
    expect(['reference', 'target']).toContain(res.body.details[0].field);
    expect(res.body.error).toMatch(/^(reference|target): /);
  });
});
