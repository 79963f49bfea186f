import { startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';

describe('api health, docs and error format', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  it('answers liveness and readiness with every dependency checked', async () => {
    const live = await ctx.http.get('/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(live.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await ctx.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: { status: 'ok' }, redis: { status: 'ok' }, storage: { status: 'ok' } } });
  });

  it('echoes a sane incoming request id', async () => {
    const res = await ctx.http.get('/healthz').set('X-Request-Id', 'client-chosen-id-123');
    expect(res.headers['x-request-id']).toBe('client-chosen-id-123');
  });

  it('answers unknown routes in the error format', async () => {
    const res = await ctx.http.get('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'No route for GET /api/v1/nope', code: 'NOT_FOUND', details: [] });
  });

  it('exposes Prometheus metrics with request counts', async () => {
    await ctx.http.get('/healthz');
    const res = await ctx.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200",app="api"\} \d+/);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
  });

  it('serves the OpenAPI document with both security schemes', async () => {
    const res = await ctx.http.get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.components.securitySchemes).sort()).toEqual(['ApiKey', 'Bearer']);
    // The conventions every route shares are in the overview, outputs included.
    expect(res.body.info.description).toMatch(/\*\*Image outputs\.\*\*[^*]*sRGB ICC profile[^*]*16-bit PNG and TIFF stay 16-bit/);
    const ui = await ctx.http.get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
