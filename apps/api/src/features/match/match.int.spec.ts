import { createTestUser, startApiTestApp, type ApiTestContext, uploadTestImage } from '../../../../../test/support/api-test-app';
import { solidImage, imageInfo } from '../../../../../test/support/test-images';

describe('POST /api/v1/match (api side: validation, sandbox, charging)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    photo = await solidImage(16, 16, { r: 90, g: 140, b: 200 });
  });
  afterAll(() => ctx.close());

  async function upload(user: { auth: Record<string, string> }): Promise<string> {
    return uploadTestImage(ctx, user.auth, photo);
  }

  it('validates method, params ranges and unknown params fields with details', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = await upload(user);
    const res = await ctx.http
      .post('/api/v1/match')
      .set(user.auth)
      .send({ reference_key: key, target_key: key, method: 'magic', params: { strength: 2, lut_size: 500, preserve_neutrals: 'yes', sparkle: 1 } });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['method', 'params.lut_size', 'params.preserve_neutrals', 'params.sparkle', 'params.strength']);
    expect((await ctx.http.post('/api/v1/match').set(user.auth).send({ reference_key: key })).status).toBe(400);
    expect((await ctx.http.get('/api/v1/account').set(user.auth)).body.credits.balance).toBe(5);
  });

  it('charges 1 credit, stores both inputs by role and the params the worker will read', async () => {
    const user = await createTestUser(ctx, { credits: 3 });
    const key = await upload(user);
    const res = await ctx.http.post('/api/v1/match').set(user.auth).send({ reference: photo.toString('base64'), target_key: key, method: 'smooth', params: { strength: 0.5, preserve_skin_tones: true } });
    expect(res.status).toBe(202);
    expect(res.body.credits_used).toBe(1);
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task.op).toBe('match');
    expect(task.params).toEqual({ method: 'smooth', params: { strength: 0.5, preserve_skin_tones: true } });
    expect(Object.keys(task.inputs as object).sort()).toEqual(['reference', 'target']);
    expect((task.inputs as { target: string }).target).toBe(key);
  });

  it('answers sandbox calls with a real demo image of the same shape, served by the api', async () => {
    const user = await createTestUser(ctx, { credits: 0 });
    const key = await upload(user);
    const res = await ctx.http.post('/api/v1/match').set(user.auth).set('X-Sandbox', 'true').send({ reference_key: key, target_key: key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sandbox: true, credits_used: 0, credits_remaining: 0, result: { format: 'jpeg', method: 'natural', width: 640, height: 640 } });
    expect(res.body.result.color_gap.after.w1_lab).toBeLessThan(res.body.result.color_gap.before.w1_lab);
    expect(res.body.image).toBeUndefined();
    const demo = await ctx.http.get(new URL(res.body.result.url).pathname).buffer(true);
    expect(demo.status).toBe(200);
    expect(demo.headers['content-type']).toBe('image/jpeg');
    expect((await imageInfo(demo.body as Buffer)).width).toBe(640);
    expect((demo.body as Buffer).length).toBe(res.body.result.bytes);

    const inline = await ctx.http.post('/api/v1/match').set(user.auth).set('X-Sandbox', 'true').send({ reference: photo.toString('base64'), target: photo.toString('base64') });
    expect(Buffer.from(inline.body.image, 'base64').length).toBe(res.body.result.bytes);
    expect((await ctx.http.get('/api/v1/sandbox/demo/../../etc/passwd')).status).toBe(404);
    expect((await ctx.http.get('/api/v1/sandbox/demo/nope.jpg')).status).toBe(404);
  });
});

describe('POST /api/v1/match/batch (api side)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    photo = await solidImage(16, 16, { r: 20, g: 140, b: 90 });
  });
  afterAll(() => ctx.close());

  it('charges 1 credit per target and stores indexed target inputs', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = await uploadTestImage(ctx, user.auth, photo);
    const res = await ctx.http.post('/api/v1/match/batch').set(user.auth).send({ reference_key: key, target_keys: [key, key, key] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ credits_used: 3, credits_remaining: 2 });
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task).toMatchObject({ op: 'match_batch', credits: 3, params: { method: 'natural', params: {}, count: 3 } });
    expect(Object.keys(task.inputs as object).sort()).toEqual(['reference', 'target:0', 'target:1', 'target:2']);
    const short = await ctx.http.post('/api/v1/match/batch').set(user.auth).send({ reference_key: key, target_keys: [key, key, key] });
    expect(short.status).toBe(402);
    expect(short.body.details[0]).toMatchObject({ required: 3, balance: 2 });
  });

  it('needs exactly one of targets / target_keys, 1–20 of them', async () => {
    const user = await createTestUser(ctx, { credits: 50 });
    const key = await uploadTestImage(ctx, user.auth, photo);
    const both = await ctx.http.post('/api/v1/match/batch').set(user.auth).send({ reference_key: key, target_keys: [key], targets: [photo.toString('base64')] });
    expect(both.status).toBe(400);
    const none = await ctx.http.post('/api/v1/match/batch').set(user.auth).send({ reference_key: key, target_keys: [] });
    expect(none.status).toBe(400);
    const many = await ctx.http.post('/api/v1/match/batch').set(user.auth).send({ reference_key: key, target_keys: Array(21).fill(key) });
    expect(many.status).toBe(400);
    expect(many.body.details[0]).toMatchObject({ field: 'target_keys' });
    const other = await createTestUser(ctx);
    const foreign = await ctx.http.post('/api/v1/match/batch').set(other.auth).send({ reference_key: key, target_keys: [key] });
    expect(foreign.status).toBe(404);
  });

  it('returns a sandbox batch of demo items', async () => {
    const user = await createTestUser(ctx);
    const key = await uploadTestImage(ctx, user.auth, photo);
    const res = await ctx.http.post('/api/v1/match/batch').set(user.auth).set('X-Sandbox', 'true').send({ reference_key: key, target_keys: [key] });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ succeeded: 2, failed: 0, credits_refunded: 0 });
    expect(res.body.result.items[0]).toMatchObject({ index: 0, status: 'completed', format: 'jpeg' });
  });
});

describe('POST /api/v1/lut/export/match (api side: plan gate, price, sandbox file)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    photo = await solidImage(16, 16, { r: 200, g: 140, b: 90 });
  });
  afterAll(() => ctx.close());

  it('answers 403 PLAN_UPGRADE_REQUIRED on free and charges 2 credits on pro', async () => {
    const free = await createTestUser(ctx, { plan: 'free', credits: 10 });
    const freeKey = await uploadTestImage(ctx, free.auth, photo);
    const denied = await ctx.http.post('/api/v1/lut/export/match').set(free.auth).send({ reference_key: freeKey, target_key: freeKey });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'PLAN_UPGRADE_REQUIRED', details: [{ current_plan: 'free', required_plan: 'pro' }] });
    expect((await ctx.http.get('/api/v1/account').set(free.auth)).body.credits.balance).toBe(10);

    const pro = await createTestUser(ctx, { plan: 'pro', credits: 10 });
    const proKey = await uploadTestImage(ctx, pro.auth, photo);
    const accepted = await ctx.http.post('/api/v1/lut/export/match').set(pro.auth).send({ reference_key: proKey, target_key: proKey, size: 65 });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ credits_used: 2, credits_remaining: 8 });
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: accepted.body.task_id } });
    expect(task.params).toMatchObject({ method: 'natural', size: 65 });
    expect((await ctx.http.post('/api/v1/lut/export/match').set(pro.auth).send({ reference_key: proKey, target_key: proKey, size: 1 })).status).toBe(400);
  });

  it('answers a sandbox export with the demo .cube file and headers', async () => {
    const pro = await createTestUser(ctx, { plan: 'pro' });
    const key = await uploadTestImage(ctx, pro.auth, photo);
    const res = await ctx.http.post('/api/v1/lut/export/match').set(pro.auth).set('X-Sandbox', 'true').send({ reference_key: key, target_key: key });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('gradekit-match-natural-17.cube');
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.headers['x-credits-used']).toBe('0');
    expect(res.text).toContain('LUT_3D_SIZE 17');
    const json = await ctx.http.post('/api/v1/lut/export/match').set(pro.auth).set('X-Sandbox', 'true').send({ reference_key: key, target_key: key, response_format: 'json' });
    expect(json.body.result).toMatchObject({ size: 17, spatial_effects_included: false, format: 'cube' });
  });
});

describe('POST /api/v1/match/multi (api side)', () => {
  let ctx: ApiTestContext;
  let key: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    const user = await createTestUser(ctx, { credits: 5 });
    auth = user.auth;
    const photo = await solidImage(8, 8, { r: 1, g: 2, b: 3 });
    key = await uploadTestImage(ctx, auth, photo);
  });
  afterAll(() => ctx.close());

  it('checks 2–4 references, the weights length and weighted mode needing weights', async () => {
    const one = await ctx.http.post('/api/v1/match/multi').set(auth).send({ target_key: key, reference_keys: [key] });
    expect(one.status).toBe(400);
    const five = await ctx.http.post('/api/v1/match/multi').set(auth).send({ target_key: key, reference_keys: [key, key, key, key, key] });
    expect(five.status).toBe(400);
    const weights = await ctx.http.post('/api/v1/match/multi').set(auth).send({ target_key: key, reference_keys: [key, key], weights: [1, 2, 3] });
    expect(weights.status).toBe(400);
    expect(weights.body.details).toEqual([{ field: 'weights', message: 'must have 2 entries, one per reference (got 3)' }]);
    const weighted = await ctx.http.post('/api/v1/match/multi').set(auth).send({ target_key: key, reference_keys: [key, key], blend_mode: 'weighted' });
    expect(weighted.body.details).toEqual([{ field: 'weights', message: 'required for blend_mode weighted' }]);
    const mode = await ctx.http.post('/api/v1/match/multi').set(auth).send({ target_key: key, reference_keys: [key, key], blend_mode: 'radial' });
    expect(mode.status).toBe(400);
  });

  it('queues with the spec defaults (uniform, transition 0.2, intensity 0.5) for 1 credit', async () => {
    const res = await ctx.http.post('/api/v1/match/multi').set(auth).send({ target_key: key, reference_keys: [key, key, key] });
    expect(res.status).toBe(202);
    expect(res.body.credits_used).toBe(1);
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task.params).toMatchObject({ method: 'natural', blend_mode: 'uniform', transition_width: 0.2, intensity: 0.5, count: 3, weights: null });
    expect(Object.keys(task.inputs as object).sort()).toEqual(['reference:0', 'reference:1', 'reference:2', 'target']);
  });
});
