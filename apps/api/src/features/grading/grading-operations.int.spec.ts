import { Queue } from 'bullmq';
import { parseCube } from '@gradekit/color';
import { bullConnection } from '@gradekit/queue';
import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser, uploadTestImage } from '../../../../../test/support/api-test-app';
import { solidImage, imageInfo } from '../../../../../test/support/test-images';

const fieldsOf = (body: { details: { field?: string }[] }) => [...new Set(body.details.map((d) => d.field))].sort();

/**
 * The api side of the preset, film-effect, look and preset-LUT operations: no worker
 * runs, so every accepted call answers 202 with its task queued.
 */
describe('preset, film-effect, look and preset-LUT operations (api side)', () => {
  let ctx: ApiTestContext;
  let queue: Queue;
  let photo: Buffer;

  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    queue = new Queue('image', { connection: bullConnection(ctx.config.redisUrl, 'test'), prefix: ctx.config.queuePrefix });
    photo = await solidImage(16, 16, { r: 128, g: 128, b: 128 });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await ctx.close();
  });

  async function upload(user: TestUser): Promise<string> {
    return uploadTestImage(ctx, user.auth, photo);
  }

  const balance = async (user: TestUser) => (await ctx.http.get('/api/v1/account').set(user.auth)).body.credits.balance;
  const taskCount = (user: TestUser) => ctx.prisma.task.count({ where: { userId: user.id } });

  describe('POST /presets/{preset_name}/apply', () => {
    it('charges 1 credit and queues the preset and intensity the worker reads', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const res = await ctx.http.post('/api/v1/presets/teal_orange/apply').set(user.auth).send({ image_key: key, intensity: 0.4 });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ credits_used: 1, credits_remaining: 2, status: 'queued' });
      const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
      expect(task).toMatchObject({ op: 'preset_apply', queue: 'image', credits: 1, params: { preset: 'teal_orange', intensity: 0.4 }, inputs: { image: key } });
      expect((await queue.getJob(task.id))?.name).toBe('preset_apply');
      const defaults = await ctx.http.post('/api/v1/presets/noir/apply').set(user.auth).send({ image_key: key });
      expect((await ctx.prisma.task.findUniqueOrThrow({ where: { id: defaults.body.task_id } })).params).toEqual({ preset: 'noir', intensity: 1 });
    });

    it('answers 404 for an unknown preset, naming it and the listing, before charging or storing anything', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const res = await ctx.http.post('/api/v1/presets/no_such_look/apply').set(user.auth).send({ image: photo.toString('base64') });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.error).toContain('"no_such_look"');
      expect(res.body.error).toContain('GET /api/v1/presets');
      expect(res.body.details[0]).toMatchObject({ field: 'preset_name' });
      expect(await balance(user)).toBe(3);
      expect(await taskCount(user)).toBe(0);
      const sandbox = await ctx.http.post('/api/v1/presets/no_such_look/apply').set(user.auth).set('X-Sandbox', 'true').send({ image: photo.toString('base64') });
      expect(sandbox.status).toBe(404);
    });

    it('validates intensity, unknown fields and the image fields with details', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const bad = await ctx.http.post('/api/v1/presets/noir/apply').set(user.auth).send({ image_key: key, intensity: 1.5, strength: 1, response_format: 'gif' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['intensity', 'response_format', 'strength']);
      const text = await ctx.http.post('/api/v1/presets/noir/apply').set(user.auth).send({ image_key: key, intensity: '0.5' });
      expect(fieldsOf(text.body)).toEqual(['intensity']);
      // Listing is public; applying is not.
      expect((await ctx.http.post('/api/v1/presets/noir/apply').send({ image_key: key })).status).toBe(401);
      const none = await ctx.http.post('/api/v1/presets/noir/apply').set(user.auth).send({});
      expect(none.status).toBe(400);
      expect(fieldsOf(none.body)).toEqual(['image', 'image_key']);
      expect(await balance(user)).toBe(3);
    });
  });

  describe('POST /film-effects/apply', () => {
    it('reports every problem of granular effects as a detail with its snake_case path', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const res = await ctx.http
        .post('/api/v1/film-effects/apply')
        .set(user.auth)
        .send({
          image_key: key,
          intensity: 2,
          effects: { grain: { amount: 150, sparkle: 1 }, glitter: { amount: 1 }, chromatic_aberration: { amount: 'x' }, vignette: 5, bloom: { radius: null } },
        });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      expect(fieldsOf(res.body)).toEqual(['effects.bloom.radius', 'effects.chromatic_aberration.amount', 'effects.glitter', 'effects.grain.amount', 'effects.grain.sparkle', 'effects.vignette', 'intensity']);
      const range = res.body.details.find((d: { field: string }) => d.field === 'effects.grain.amount');
      expect(range.message).toMatch(/100/);
      expect(await balance(user)).toBe(3);
    });

    it('needs a preset or effects; an unknown preset is a 404 with no charge', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const neither = await ctx.http.post('/api/v1/film-effects/apply').set(user.auth).send({ image_key: key });
      expect(neither.status).toBe(400);
      expect(fieldsOf(neither.body)).toEqual(['effects', 'preset']);
      const empty = await ctx.http.post('/api/v1/film-effects/apply').set(user.auth).send({ image_key: key, effects: {} });
      expect(empty.status).toBe(400);
      const unknown = await ctx.http.post('/api/v1/film-effects/apply').set(user.auth).send({ image_key: key, preset: 'polaroid_glow' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toContain('"polaroid_glow"');
      expect(unknown.body.error).toContain('GET /api/v1/film-effects/presets');
      expect(await balance(user)).toBe(3);
      expect(await taskCount(user)).toBe(0);
    });

    it('charges 1 credit and queues the preset, the overrides as sent, intensity and seed', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const res = await ctx.http
        .post('/api/v1/film-effects/apply')
        .set(user.auth)
        .send({ image_key: key, preset: 'super8', effects: { grain: { amount: 10 }, chromatic_aberration: { amount: -0.001 } }, intensity: 0.5, seed: 7 });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ credits_used: 1, credits_remaining: 2 });
      const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
      expect(task).toMatchObject({ op: 'film_effects_apply', credits: 1, inputs: { image: key } });
      expect(task.params).toEqual({ preset: 'super8', effects: { grain: { amount: 10 }, chromatic_aberration: { amount: -0.001 } }, intensity: 0.5, seed: 7 });
      const effectsOnly = await ctx.http.post('/api/v1/film-effects/apply').set(user.auth).send({ image_key: key, effects: { vignette: { amount: 40 } } });
      expect(effectsOnly.status).toBe(202);
      expect((await ctx.prisma.task.findUniqueOrThrow({ where: { id: effectsOnly.body.task_id } })).params).toEqual({ preset: null, effects: { vignette: { amount: 40 } }, intensity: 1 });
      const badSeed = await ctx.http.post('/api/v1/film-effects/apply').set(user.auth).send({ image_key: key, preset: 'lomo', seed: -1 });
      expect(fieldsOf(badSeed.body)).toEqual(['seed']);
    });
  });

  describe('POST /looks/{look_name}/apply', () => {
    it('validates intensities and effects_overrides (unknown effect or parameter → a detail each)', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const res = await ctx.http
        .post('/api/v1/looks/blade_runner/apply')
        .set(user.auth)
        .send({ image_key: key, color_intensity: 2, effects_intensity: -0.1, effects_overrides: { lens_flare: { amount: 1 }, vignette: { amount: 20, size: 3 }, halation: { threshold: 1.5 } } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['color_intensity', 'effects_intensity', 'effects_overrides.halation.threshold', 'effects_overrides.lens_flare', 'effects_overrides.vignette.size']);
      expect(await balance(user)).toBe(3);
    });

    it('answers 404 for an unknown look and charges 1 credit for a known one', async () => {
      const user = await createTestUser(ctx, { credits: 3 });
      const key = await upload(user);
      const unknown = await ctx.http.post('/api/v1/looks/citizen_kane/apply').set(user.auth).send({ image_key: key });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toContain('GET /api/v1/looks');
      expect(await taskCount(user)).toBe(0);
      const res = await ctx.http.post('/api/v1/looks/dune/apply').set(user.auth).send({ image_key: key, intensity: 0.8, effects_overrides: { grain: { amount: 0 } } });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ credits_used: 1, credits_remaining: 2 });
      const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
      expect(task).toMatchObject({ op: 'look_apply', credits: 1 });
      expect(task.params).toEqual({ look: 'dune', intensity: 0.8, color_intensity: 1, effects_intensity: 1, effects_overrides: { grain: { amount: 0 } } });
    });
  });

  describe('POST /lut/export/preset/{preset_name}', () => {
    it('is pro+: free gets 403 and no charge; pro pays 2 credits, with no image and an empty body', async () => {
      const free = await createTestUser(ctx, { plan: 'free', credits: 10 });
      const denied = await ctx.http.post('/api/v1/lut/export/preset/teal_orange').set(free.auth).send({});
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ code: 'PLAN_UPGRADE_REQUIRED', details: [{ current_plan: 'free', required_plan: 'pro' }] });
      expect(await balance(free)).toBe(10);

      const pro = await createTestUser(ctx, { plan: 'pro', credits: 5 });
      const res = await ctx.http.post('/api/v1/lut/export/preset/teal_orange').set(pro.auth);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ credits_used: 2, credits_remaining: 3 });
      const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
      expect(task).toMatchObject({ op: 'lut_export_preset', credits: 2, inputs: {}, params: { preset: 'teal_orange', size: 33, intensity: 1 } });
      const sized = await ctx.http.post('/api/v1/lut/export/preset/noir').set(pro.auth).send({ size: 65, intensity: 0.25 });
      expect((await ctx.prisma.task.findUniqueOrThrow({ where: { id: sized.body.task_id } })).params).toEqual({ preset: 'noir', size: 65, intensity: 0.25 });
      expect(await balance(pro)).toBe(1);
      const short = await ctx.http.post('/api/v1/lut/export/preset/noir').set(pro.auth).send({});
      expect(short.status).toBe(402);
    });

    it('validates size and answers 404 for an unknown preset without charging', async () => {
      const pro = await createTestUser(ctx, { plan: 'pro', credits: 5 });
      const bad = await ctx.http.post('/api/v1/lut/export/preset/noir').set(pro.auth).send({ size: 1, response_format: 'zip', image_key: 'x' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['image_key', 'response_format', 'size']);
      const unknown = await ctx.http.post('/api/v1/lut/export/preset/sunset_glow').set(pro.auth).send({});
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toContain('"sunset_glow"');
      expect(await balance(pro)).toBe(5);
      expect(await taskCount(pro)).toBe(0);
    });
  });

  describe('sandbox', () => {
    it('answers every new image op with its real demo image, same shape, nothing charged', async () => {
      const user = await createTestUser(ctx, { credits: 0 });
      const key = await upload(user);
      const calls: [string, Record<string, unknown>, Record<string, unknown>][] = [
        ['/api/v1/presets/noir/apply', { image_key: key }, { preset: 'cinematic_warm', intensity: 1, lut_size: 33 }],
        ['/api/v1/film-effects/apply', { image_key: key, preset: 'lomo' }, { preset: 'film_16mm', seed: 42 }],
        ['/api/v1/looks/matrix/apply', { image_key: key }, { look: 'blade_runner', color_intensity: 1, lut_size: 33 }],
      ];
      for (const [path, body, fields] of calls) {
        const res = await ctx.http.post(path).set(user.auth).set('X-Sandbox', 'true').send(body);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ sandbox: true, credits_used: 0, credits_remaining: 0, history_id: null, result: { format: 'jpeg', bit_depth: 8, ...fields } });
        const demo = await ctx.http.get(new URL(res.body.result.url).pathname).buffer(true);
        expect(demo.status).toBe(200);
        expect((demo.body as Buffer).length).toBe(res.body.result.bytes);
        const meta = await imageInfo(demo.body as Buffer);
        expect([meta.width, meta.height]).toEqual([res.body.result.width, res.body.result.height]);
        expect(Math.max(meta.width!, meta.height!)).toBe(640);
      }
      const look = await ctx.http.post('/api/v1/looks/matrix/apply').set(user.auth).set('X-Sandbox', 'true').send({ image_key: key });
      expect(Object.keys(look.body.result.effects).length).toBeGreaterThan(0);
      // Validation still runs in sandbox mode.
      const invalid = await ctx.http.post('/api/v1/film-effects/apply').set(user.auth).set('X-Sandbox', 'true').send({ image_key: key, effects: { grain: { amount: -1 } } });
      expect(invalid.status).toBe(400);
      expect(await taskCount(user)).toBe(0);
    });

    it('answers a sandbox preset export with the demo .cube file', async () => {
      const pro = await createTestUser(ctx, { plan: 'pro' });
      const res = await ctx.http.post('/api/v1/lut/export/preset/teal_orange').set(pro.auth).set('X-Sandbox', 'true').send({});
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers['content-disposition']).toContain('gradekit-preset-cinematic_warm-17.cube');
      expect(res.headers).toMatchObject({ 'x-sandbox': 'true', 'x-credits-used': '0', 'x-lut-size': '17', 'x-spatial-effects': 'not included' });
      expect(parseCube(res.text).size).toBe(17);
      expect(res.text).toMatch(/spatial effects/);
      const json = await ctx.http.post('/api/v1/lut/export/preset/teal_orange').set(pro.auth).set('X-Sandbox', 'true').send({ response_format: 'json' });
      expect(json.body.result).toMatchObject({ size: 17, format: 'cube', spatial_effects_included: false, preset: 'cinematic_warm' });
      const free = await createTestUser(ctx);
      expect((await ctx.http.post('/api/v1/lut/export/preset/teal_orange').set(free.auth).set('X-Sandbox', 'true').send({})).status).toBe(403);
    });
  });
});
