import { createTestUser, startApiTestApp, type ApiTestContext, uploadTestImage } from '../../../../../test/support/api-test-app';
import { solidImage } from '../../../../../test/support/test-images';

describe('POST /api/v1/white-balance/apply (api side)', () => {
  let ctx: ApiTestContext;
  let key: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    const user = await createTestUser(ctx, { credits: 5 });
    auth = user.auth;
    const photo = await solidImage(8, 8, { r: 200, g: 150, b: 90 });
    key = await uploadTestImage(ctx, auth, photo);
  });
  afterAll(() => ctx.close());

  it('requires neutral_x and neutral_y for neutral_point, in 0–1', async () => {
    const missing = await ctx.http.post('/api/v1/white-balance/apply').set(auth).send({ image_key: key, method: 'neutral_point', neutral_x: 0.5 });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'neutral_y', message: 'required for method neutral_point (0 = top, 1 = bottom)' }]);
    const outOfRange = await ctx.http.post('/api/v1/white-balance/apply').set(auth).send({ image_key: key, method: 'neutral_point', neutral_x: 1.5, neutral_y: -0.1, intensity: 2 });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['intensity', 'neutral_x', 'neutral_y']);
    const badMethod = await ctx.http.post('/api/v1/white-balance/apply').set(auth).send({ image_key: key, method: 'daylight' });
    expect(badMethod.status).toBe(400);
  });

  it('queues with the spec defaults (auto, intensity 1) and charges 1 credit; neutral coordinates only for neutral_point', async () => {
    const res = await ctx.http.post('/api/v1/white-balance/apply').set(auth).send({ image_key: key, neutral_x: 0.2, neutral_y: 0.2 });
    expect(res.status).toBe(202);
    expect(res.body.credits_used).toBe(1);
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task.params).toEqual({ method: 'auto', intensity: 1 });
    const point = await ctx.http.post('/api/v1/white-balance/apply').set(auth).send({ image_key: key, method: 'neutral_point', neutral_x: 0.2, neutral_y: 0.7, intensity: 0.5 });
    expect((await ctx.prisma.task.findUniqueOrThrow({ where: { id: point.body.task_id } })).params).toEqual({ method: 'neutral_point', intensity: 0.5, neutral_x: 0.2, neutral_y: 0.7 });
  });

  it('answers sandbox calls with the demo correction', async () => {
    const res = await ctx.http.post('/api/v1/white-balance/apply').set(auth).set('X-Sandbox', 'true').send({ image_key: key });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ method: 'auto', format: 'jpeg', estimated_white: { cct_kelvin: expect.any(Number) } });
  });
});
