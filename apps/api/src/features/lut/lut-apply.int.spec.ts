import { createTestUser, startApiTestApp, type ApiTestContext, uploadTestImage } from '../../../../../test/support/api-test-app';
import { solidImage } from '../../../../../test/support/test-images';

describe('LUT apply and before/after export (api side)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    photo = await solidImage(12, 12, { r: 120, g: 60, b: 30 });
  });
  afterAll(() => ctx.close());

  async function userWithKey(plan = 'free') {
    const user = await createTestUser(ctx, { plan, credits: 10 });
    const key = await uploadTestImage(ctx, user.auth, photo);
    return { user, key };
  }

  it('needs either the pair or lut_key, and queues the inputs by role', async () => {
    const { user, key } = await userWithKey();
    const neither = await ctx.http.post('/api/v1/lut/apply').set(user.auth).send({ image_key: key });
    expect(neither.status).toBe(400);
    const both = await ctx.http.post('/api/v1/lut/apply').set(user.auth).send({ image_key: key, before_key: key, after_key: key, lut_key: key });
    expect(both.status).toBe(400);
    const halfPair = await ctx.http.post('/api/v1/lut/apply').set(user.auth).send({ image_key: key, before_key: key });
    expect(halfPair.status).toBe(400);
    expect(halfPair.body.details[0].field).toBe('after_key');

    const pair = await ctx.http.post('/api/v1/lut/apply').set(user.auth).send({ image_key: key, before_key: key, after_key: key });
    expect(pair.status).toBe(202);
    expect(pair.body.credits_used).toBe(1);
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: pair.body.task_id } });
    expect(Object.keys(task.inputs as object).sort()).toEqual(['after', 'before', 'image']);

    const cube = (await ctx.http.post('/api/v1/storage/presign').set(user.auth).send({ filename: 'grade.cube', content_type: 'text/plain' })).body;
    await ctx.http.put(new URL(cube.upload_url).pathname + new URL(cube.upload_url).search).set('Content-Type', 'text/plain').send('LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n');
    const withCube = await ctx.http.post('/api/v1/lut/apply').set(user.auth).send({ image_key: key, lut_key: cube.key });
    expect(withCube.status).toBe(202);
    expect(Object.keys((await ctx.prisma.task.findUniqueOrThrow({ where: { id: withCube.body.task_id } })).inputs as object).sort()).toEqual(['image', 'lut']);
  });

  it('gates the before/after export to pro+ at 2 credits and serves a sandbox .cube', async () => {
    const free = await userWithKey('free');
    expect((await ctx.http.post('/api/v1/lut/export/before-after').set(free.user.auth).send({ before_key: free.key, after_key: free.key })).status).toBe(403);
    const pro = await userWithKey('pro');
    const res = await ctx.http.post('/api/v1/lut/export/before-after').set(pro.user.auth).send({ before_key: pro.key, after_key: pro.key, size: 17 });
    expect(res.status).toBe(202);
    expect(res.body.credits_used).toBe(2);
    const sandbox = await ctx.http.post('/api/v1/lut/export/before-after').set(pro.user.auth).set('X-Sandbox', 'true').send({ before_key: pro.key, after_key: pro.key });
    expect(sandbox.status).toBe(200);
    expect(sandbox.headers['content-disposition']).toContain('gradekit-before-after-17.cube');
    expect(sandbox.text).toContain('LUT_3D_SIZE 17');
  });
});
