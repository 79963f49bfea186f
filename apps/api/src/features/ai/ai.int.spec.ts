import { createTestUser, startApiTestApp, type ApiTestContext, type TestUser, uploadTestImage } from '../../../../../test/support/api-test-app';
import { solidImage } from '../../../../../test/support/test-images';

describe('POST /api/v1/ai/suggest and /ai/refine (api side: validation, 422 before charging, price, sandbox)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    // No worker: with a zero sync timeout every accepted call answers 202 and its job stays queued.
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    photo = await solidImage(16, 16, { r: 180, g: 120, b: 90 });
  });
  afterAll(() => ctx.close());

  async function upload(user: TestUser): Promise<string> {
    return uploadTestImage(ctx, user.auth, photo);
  }
  const balance = async (user: TestUser) => (await ctx.http.get('/api/v1/account').set(user.auth)).body.credits.balance;
  const fields = (body: { details: { field?: string }[] }) => body.details.map((d) => d.field).sort();

  const conversation = [
    { role: 'user', content: 'warmer' },
    { role: 'assistant', content: 'Warmer white balance: temperature 0 → 20.' },
  ];

  it('validates the suggest body: prompt 1–500 characters, unknown fields rejected', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = await upload(user);
    const missing = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: key });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(['prompt', 'prompt', 'prompt']);
    const long = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: key, prompt: 'warmer '.repeat(80) });
    expect(long.status).toBe(400);
    expect(long.body.details[0]).toMatchObject({ field: 'prompt', message: expect.stringContaining('500') });
    const extra = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: key, prompt: 'warmer', temperature: 3 });
    expect(extra.status).toBe(400);
    expect(extra.body.details).toEqual([{ field: 'temperature', message: 'unknown field "temperature"' }]);
    expect(await balance(user)).toBe(5);
  });

  it('validates the refine body: current_values against the grade schema with dotted paths, messages ≤ 50 of ≤ 2000 characters', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = await upload(user);
    const none = await ctx.http.post('/api/v1/ai/refine').set(user.auth).send({ original_image_key: key, prompt: 'warmer' });
    expect(none.status).toBe(400);
    expect(new Set(fields(none.body))).toEqual(new Set(['current_values', 'messages']));

    const badValues = await ctx.http
      .post('/api/v1/ai/refine')
      .set(user.auth)
      .send({
        original_image_key: key,
        prompt: 'warmer',
        messages: [],
        current_values: { exposure: 9, hsl: { red: { hue: 'x' } }, tone_curve: { master: [[0, 0.5], [0.5, 0.2]] }, toneCurve: {}, split_toning: { shadow_hue: 400 }, sparkle: 1 },
      });
    expect(badValues.status).toBe(400);
    expect(badValues.body.code).toBe('VALIDATION_ERROR');
    expect(fields(badValues.body)).toEqual([
      'current_values.exposure',
      'current_values.hsl.red.hue',
      'current_values.sparkle',
      'current_values.split_toning.shadow_hue',
      'current_values.toneCurve',
      'current_values.tone_curve.master[1]',
    ]);

    const tooMany = await ctx.http
      .post('/api/v1/ai/refine')
      .set(user.auth)
      .send({ original_image_key: key, prompt: 'warmer', current_values: {}, messages: Array.from({ length: 51 }, () => ({ role: 'user', content: 'warmer' })) });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany.body)).toEqual(['messages']);
    const badMessages = await ctx.http
      .post('/api/v1/ai/refine')
      .set(user.auth)
      .send({ original_image_key: key, prompt: 'warmer', current_values: {}, messages: [{ role: 'system', content: 'x' }, { role: 'user', content: 'x'.repeat(2001) }, { role: 'user', content: 'ok', extra: 1 }] });
    expect(badMessages.status).toBe(400);
    expect(fields(badMessages.body)).toEqual(['messages.0.role', 'messages.1.content', 'messages.2.extra']);

    const noOriginal = await ctx.http.post('/api/v1/ai/refine').set(user.auth).send({ last_result_image_key: key, prompt: 'warmer', current_values: {}, messages: [] });
    expect(noOriginal.status).toBe(400);
    expect(noOriginal.body.details.map((d: { field: string }) => d.field)).toEqual(['original_image_key', 'original_image']);
    expect(await balance(user)).toBe(5);
  });

  it('answers 422 UNPROCESSABLE with examples, before resolving inputs or charging, when nothing in the prompt is understood', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    // A key that does not exist: the prompt is judged first, so this is a 422, not a 404.
    const missingKey = `u/${user.id}/images/00000000-0000-4000-8000-000000000000-nothing.jpg`;
    const res = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: missingKey, prompt: 'make it sparkle like unicorns' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNPROCESSABLE', error: 'The prompt names no colour adjustment the assistant understands' });
    expect(res.body.details[0]).toMatchObject({ field: 'prompt', unrecognised: ['sparkle', 'unicorns'] });
    expect(res.body.details[1].examples).toEqual(expect.arrayContaining(['warmer', 'teal and orange', 'crush the blacks', 'less saturated skin', 'like kodachrome', 'neutral white balance']));
    const sandboxed = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).set('X-Sandbox', 'true').send({ image_key: missingKey, prompt: '???' });
    expect(sandboxed.status).toBe(422);
    // "more" in a suggestion, or with nothing to repeat in a refinement, is refused the same way.
    const key = await upload(user);
    const more = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: key, prompt: 'a bit more' });
    expect(more.status).toBe(422);
    expect(more.body.error).toContain('/api/v1/ai/refine');
    const nothing = await ctx.http.post('/api/v1/ai/refine').set(user.auth).send({ original_image_key: key, prompt: 'a bit more', current_values: {}, messages: [] });
    expect(nothing.status).toBe(422);
    expect(nothing.body.details[1].examples).toEqual(expect.arrayContaining(['a bit more', 'undo']));
    expect(await balance(user)).toBe(5);
    expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(0);
  });

  it('charges 2 credits for a suggestion and stores the prompt and the image by role', async () => {
    const user = await createTestUser(ctx, { credits: 3 });
    const key = await upload(user);
    const res = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: key, prompt: 'Warmer, teal & orange — crush the blacks a bit' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ credits_used: 2, credits_remaining: 1, status: 'queued' });
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task).toMatchObject({ op: 'ai_suggest', queue: 'image', credits: 2, params: { prompt: 'Warmer, teal & orange — crush the blacks a bit' }, inputs: { image: key } });
    const short = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).send({ image_key: key, prompt: 'warmer' });
    expect(short.status).toBe(402);
    expect(short.body.details[0]).toMatchObject({ required: 2, balance: 1 });
  });

  it('charges 2 credits for a refinement and stores the complete values, the conversation and both images', async () => {
    const user = await createTestUser(ctx, { credits: 10 });
    const key = await upload(user);
    const res = await ctx.http
      .post('/api/v1/ai/refine')
      .set(user.auth)
      .send({ original_image_key: key, last_result_image: photo.toString('base64'), prompt: 'a bit more', current_values: { temperature: 20 }, messages: conversation });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ credits_used: 2, credits_remaining: 8 });
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    const params = task.params as { prompt: string; current_values: Record<string, unknown>; messages: unknown[] };
    expect(params.prompt).toBe('a bit more');
    expect(params.messages).toEqual(conversation);
    expect(params.current_values).toMatchObject({ temperature: 20, exposure: 0, hsl: { red: { hue: 0 } }, tone_curve: { master: [[0, 0], [1, 1]] }, split_toning: { balance: 0 } });
    expect(Object.keys(task.inputs as object).sort()).toEqual(['last_result', 'original']);
    expect((task.inputs as { original: string }).original).toBe(key);

    const originalOnly = await ctx.http.post('/api/v1/ai/refine').set(user.auth).send({ original_image_key: key, prompt: 'undo', current_values: {}, messages: conversation });
    expect(originalOnly.status).toBe(202);
    const second = await ctx.prisma.task.findUniqueOrThrow({ where: { id: originalOnly.body.task_id } });
    expect(Object.keys(second.inputs as object)).toEqual(['original']);
    // The last result must be the caller's too.
    const other = await createTestUser(ctx, { credits: 10 });
    const foreign = await ctx.http.post('/api/v1/ai/refine').set(other.auth).send({ original_image_key: await upload(other), last_result_image_key: key, prompt: 'warmer', current_values: {}, messages: [] });
    expect(foreign.status).toBe(404);
    expect(await balance(other)).toBe(10);
  });

  it('answers sandbox calls with real demo results of the same shape, for free', async () => {
    const user = await createTestUser(ctx, { credits: 0 });
    const key = await upload(user);
    const suggest = await ctx.http.post('/api/v1/ai/suggest').set(user.auth).set('X-Sandbox', 'true').send({ image_key: key, prompt: 'film look' });
    expect(suggest.status).toBe(200);
    expect(suggest.body).toMatchObject({ sandbox: true, credits_used: 0, credits_remaining: 0, result: { format: 'jpeg', engine: 'local', width: 640 } });
    const result = suggest.body.result;
    expect(result.values).toMatchObject({ temperature: 20, split_toning: { shadow_hue: 190 } });
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.messages).toHaveLength(2);
    const demo = await ctx.http.get(new URL(result.url).pathname).buffer(true);
    expect(demo.status).toBe(200);
    expect((demo.body as Buffer).length).toBe(result.bytes);

    const refine = await ctx.http
      .post('/api/v1/ai/refine')
      .set(user.auth)
      .set('X-Sandbox', 'true')
      .send({ original_image: photo.toString('base64'), prompt: 'a bit more', current_values: result.values, messages: result.messages });
    expect(refine.status).toBe(200);
    expect(refine.body.result.values.temperature).toBeGreaterThan(result.values.temperature);
    expect(refine.body.result.messages).toHaveLength(4);
    expect(Buffer.from(refine.body.image, 'base64').length).toBe(refine.body.result.bytes);
  });
});
