import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { solidImage } from '../../../../test/support/test-images';

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

describe('storage routes (local driver)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    ctx = await startApiTestApp({ MAX_INPUT_BYTES: '200000' });
    photo = await solidImage(64, 48, { r: 10, g: 200, b: 90 }, 'png');
  });
  afterAll(() => ctx.close());

  it('presigns an upload into the caller namespace, accepts the PUT and serves the signed download', async () => {
    const user = await createTestUser(ctx);
    const presign = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ filename: 'My Photo.png', content_type: 'image/png' });
    expect(presign.status).toBe(200);
    expect(presign.body).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/png' }, expires_in: 3600 });
    expect(presign.body.key).toMatch(new RegExp(`^u/${user.id}/images/[0-9a-f-]{36}-My-Photo\\.png$`));
    expect(presign.body.upload_url.startsWith('http://127.0.0.1:3000/api/v1/storage/object/')).toBe(true);

    const put = await ctx.http.put(pathOf(presign.body.upload_url)).set('Content-Type', 'image/png').send(photo);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ key: presign.body.key, bytes: photo.length });

    const url = await ctx.http.post('/api/v1/storage/url').set(user.auth).send({ key: presign.body.key, expires_in: 60 });
    expect(url.status).toBe(200);
    expect(url.body).toMatchObject({ key: presign.body.key, bytes: photo.length, content_type: 'image/png', expires_in: 60 });
    const download = await ctx.http.get(pathOf(url.body.url)).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.body as Buffer, photo)).toBe(0);
  });

  it('refuses tampered, misused and expired presigned URLs', async () => {
    const user = await createTestUser(ctx);
    const presign = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ content_type: 'image/png' });
    const upload = pathOf(presign.body.upload_url);
    const wrongType = await ctx.http.put(upload).set('Content-Type', 'image/jpeg').send(photo);
    expect(wrongType.status).toBe(415);
    const otherKey = upload.replace(`/u/${user.id}/`, `/u/${user.id}/x/`);
    expect((await ctx.http.put(otherKey).set('Content-Type', 'image/png').send(photo)).status).toBe(403);
    const tamperedSig = upload.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await ctx.http.put(tamperedSig).set('Content-Type', 'image/png').send(photo)).status).toBe(403);
    const longer = upload.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 3600}`);
    expect((await ctx.http.put(longer).set('Content-Type', 'image/png').send(photo)).status).toBe(403);
    const asGet = await ctx.http.get(upload);
    expect(asGet.status).toBe(403);
    expect(asGet.body.code).toBe('FORBIDDEN');

    await ctx.http.put(upload).set('Content-Type', 'image/png').send(photo).expect(200);
    const url = await ctx.http.post('/api/v1/storage/url').set(user.auth).send({ key: presign.body.key, expires_in: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await ctx.http.get(pathOf(url.body.url));
    expect(expired.status).toBe(403);
    expect(expired.body.error).toBe('This presigned URL has expired');
  });

  it('refuses uploads over the byte limit with 413', async () => {
    const user = await createTestUser(ctx);
    const presign = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ content_type: 'image/png' });
    const big = Buffer.alloc(250_000, 7);
    const res = await ctx.http.put(pathOf(presign.body.upload_url)).set('Content-Type', 'image/png').send(big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('uploads base64 JSON, confirms a data_key and needs exactly one of them', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: photo.toString('base64'), folder: 'references' });
    expect(res.status).toBe(200);
    expect(res.body.key).toMatch(new RegExp(`^u/${user.id}/references/[0-9a-f-]{36}-upload\\.png$`));
    expect(res.body).toMatchObject({ bytes: photo.length, content_type: 'image/png', expires_in: 604800 });
    const confirm = await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data_key: res.body.key });
    expect(confirm.status).toBe(200);
    expect(confirm.body.key).toBe(res.body.key);
    expect((await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({})).status).toBe(400);
    const text = await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: Buffer.from('plain text').toString('base64') });
    expect(text.status).toBe(415);
  });

  it("scopes keys to their owner: another user's key is a 404 for url and delete", async () => {
    const owner = await createTestUser(ctx);
    const intruder = await createTestUser(ctx);
    const { body } = await ctx.http.post('/api/v1/storage/upload').set(owner.auth).send({ data: photo.toString('base64') });
    const read = await ctx.http.post('/api/v1/storage/url').set(intruder.auth).send({ key: body.key });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('NOT_FOUND');
    expect((await ctx.http.delete(`/api/v1/storage/${body.key}`).set(intruder.auth)).status).toBe(404);
    expect((await ctx.http.delete(`/api/v1/storage/${body.key}`).set(owner.auth)).status).toBe(204);
    expect((await ctx.http.delete(`/api/v1/storage/${body.key}`).set(owner.auth)).status).toBe(404);
    expect((await ctx.http.post('/api/v1/storage/url').set(owner.auth).send({ key: '../etc/passwd' })).status).toBe(400);
  });

  it('validates presign fields', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ content_type: 'not a type', folder: '../up' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['content_type', 'folder']);
  });
});
