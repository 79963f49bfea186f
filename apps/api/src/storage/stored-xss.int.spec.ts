import type { StorageDriver } from '@gradekit/storage';
import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { solidImage } from '../../../../test/support/test-images';
import { STORAGE } from './storage.provider';

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/**
 * Storage URLs are served from the api's own origin (local driver): nothing uploaded may
 * be rendered there as a document. Issue 13: presign text/html, PUT a <script>, and
 * POST /storage/url served it inline as text/html for 7 days.
 */
describe('stored XSS through storage URLs', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp();
  });
  afterAll(() => ctx.close());

  it.each(['text/html', 'image/svg+xml', 'application/javascript', 'application/xhtml+xml', 'text/xml'])('refuses to presign an upload of %s', async (type) => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ filename: 'x.html', content_type: type });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'content_type' }] });
  });

  it('still presigns images, videos, .cube files and archives', async () => {
    const user = await createTestUser(ctx);
    for (const type of ['image/jpeg', 'image/png', 'video/mp4', 'video/quicktime', 'text/plain', 'application/octet-stream', 'application/zip']) {
      const res = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ filename: 'f', content_type: type });
      expect({ type, status: res.status }).toEqual({ type, status: 200 });
    }
  });

  it('serves a stored non-media object as a sandboxed, non-sniffed attachment', async () => {
    const user = await createTestUser(ctx);
    // As an object of any type can still exist (written before this check, or through S3, which cannot enforce a presigned PUT's type).
    const key = `u/${user.id}/images/evil.html`;
    await ctx.app.get<StorageDriver>(STORAGE).put(key, Buffer.from('<script>alert(document.domain)</script>'), 'text/html');
    const url = await ctx.http.post('/api/v1/storage/url').set(user.auth).send({ key });
    expect(url.status).toBe(200);
    const res = await ctx.http.get(pathOf(url.body.url));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="evil.html"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain('sandbox');

    // Even a URL signed without a download name (a task's result URL) is an attachment for such a type.
    const signedPlain = await ctx.app.get<StorageDriver>(STORAGE).presignGet(key, 60);
    expect((await ctx.http.get(pathOf(signedPlain))).headers['content-disposition']).toBe('attachment; filename="evil.html"');
  });

  it('shows images inline', async () => {
    const user = await createTestUser(ctx);
    const photo = await solidImage(16, 16, { r: 1, g: 2, b: 3 }, 'png');
    const presign = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ filename: 'a.png', content_type: 'image/png' });
    await ctx.http.put(pathOf(presign.body.upload_url)).set('Content-Type', 'image/png').send(photo).expect(200);
    const url = await ctx.http.post('/api/v1/storage/url').set(user.auth).send({ key: presign.body.key });
    const res = await ctx.http.get(pathOf(url.body.url));
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
