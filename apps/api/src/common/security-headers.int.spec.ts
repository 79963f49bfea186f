import { startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';

describe('security headers', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  it.each(['/api/v1/options', '/api/v1/account', '/api/v1/no-such-route'])('sends them on %s (answers and errors alike)', async (path) => {
    const res = await ctx.http.get(path);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['content-security-policy']).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none';sandbox");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends HSTS only when the request came over TLS', async () => {
    expect((await ctx.http.get('/api/v1/options')).headers['strict-transport-security']).toBeUndefined();
    // supertest connects from loopback, a trusted proxy: its X-Forwarded-Proto counts.
    const tls = await ctx.http.get('/api/v1/options').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('gives Swagger UI a policy that lets its own scripts and styles run, and nothing else', async () => {
    const ui = await ctx.http.get('/api/docs/');
    expect(ui.status).toBe(200);
    const csp = ui.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('sandbox');
    // Every script the page loads comes from this origin (so 'self' covers them) and none is inline.
    const html = ui.text;
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect((await ctx.http.get(new URL(src, 'http://x/api/docs/').pathname)).status).toBe(200);
    }
  });
});
