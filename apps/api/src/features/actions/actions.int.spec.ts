import { createTestUser, startApiTestApp, type ApiTestContext, uploadTestImage } from '../../../../../test/support/api-test-app';
import { solidImage } from '../../../../../test/support/test-images';

const STEPS = [
  { type: 'white_balance', method: 'auto' },
  { type: 'preset', name: 'teal_orange', intensity: 0.6 },
  { type: 'film_effects', preset: 'film_16mm', intensity: 0.5 },
];

describe('processing actions: CRUD and /actions/apply (api side)', () => {
  let ctx: ApiTestContext;
  let photo: Buffer;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    photo = await solidImage(8, 8, { r: 90, g: 90, b: 90 });
  });
  afterAll(() => ctx.close());

  it('creates, lists, reads, updates and deletes an action of its owner', async () => {
    const user = await createTestUser(ctx);
    const created = await ctx.http.post('/api/v1/actions').set(user.auth).send({ name: 'Moody teal', description: 'wb, teal/orange, grain', steps: STEPS });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Moody teal', description: 'wb, teal/orange, grain', steps: STEPS });
    const list = await ctx.http.get('/api/v1/actions').set(user.auth);
    expect(list.body).toMatchObject({ total: 1, limit: 20, offset: 0, items: [{ id: created.body.id, name: 'Moody teal' }] });
    const got = await ctx.http.get(`/api/v1/actions/${created.body.id}`).set(user.auth);
    expect(got.body.steps).toEqual(STEPS);
    const updated = await ctx.http.put(`/api/v1/actions/${created.body.id}`).set(user.auth).send({ name: 'Renamed', steps: [{ type: 'preset', name: 'moody_blue' }] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Renamed', description: 'wb, teal/orange, grain', steps: [{ type: 'preset', name: 'moody_blue' }] });
    expect((await ctx.http.delete(`/api/v1/actions/${created.body.id}`).set(user.auth)).status).toBe(204);
    expect((await ctx.http.get(`/api/v1/actions/${created.body.id}`).set(user.auth)).status).toBe(404);
  });

  it("hides another user's action (404 for read, update, delete and apply)", async () => {
    const owner = await createTestUser(ctx, { credits: 5 });
    const intruder = await createTestUser(ctx, { credits: 5 });
    const { body: action } = await ctx.http.post('/api/v1/actions').set(owner.auth).send({ name: 'mine', steps: STEPS });
    expect((await ctx.http.get(`/api/v1/actions/${action.id}`).set(intruder.auth)).status).toBe(404);
    expect((await ctx.http.put(`/api/v1/actions/${action.id}`).set(intruder.auth).send({ name: 'x' })).status).toBe(404);
    expect((await ctx.http.delete(`/api/v1/actions/${action.id}`).set(intruder.auth)).status).toBe(404);
    const key = await uploadTestImage(ctx, intruder.auth, photo);
    const apply = await ctx.http.post('/api/v1/actions/apply').set(intruder.auth).send({ image_key: key, action_id: action.id });
    expect(apply.status).toBe(404);
    expect((await ctx.http.get('/api/v1/account').set(intruder.auth)).body.credits.balance).toBe(5);
    expect((await ctx.http.get(`/api/v1/actions/${action.id}`).set(owner.auth)).body.name).toBe('mine');
  });

  it('validates steps in full, with a path for every problem', async () => {
    const user = await createTestUser(ctx);
    const res = await ctx.http
      .post('/api/v1/actions')
      .set(user.auth)
      .send({ name: 'broken', steps: [{ type: 'preset', name: 'nope' }, { type: 'film_effects', effects: { grain: { amount: 900 } } }, { type: 'warp' }] });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['steps[0].name', 'steps[1].effects.grain.amount', 'steps[2].type']);
    expect((await ctx.http.post('/api/v1/actions').set(user.auth).send({ name: '', steps: STEPS })).status).toBe(400);
  });

  it('applies exactly one of action_id or steps for 2 credits, copying the steps into the task', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = await uploadTestImage(ctx, user.auth, photo);
    const { body: action } = await ctx.http.post('/api/v1/actions').set(user.auth).send({ name: 'saved', steps: STEPS });
    expect((await ctx.http.post('/api/v1/actions/apply').set(user.auth).send({ image_key: key })).status).toBe(400);
    expect((await ctx.http.post('/api/v1/actions/apply').set(user.auth).send({ image_key: key, action_id: action.id, steps: STEPS })).status).toBe(400);

    const bySaved = await ctx.http.post('/api/v1/actions/apply').set(user.auth).send({ image_key: key, action_id: action.id });
    expect(bySaved.status).toBe(202);
    expect(bySaved.body.credits_used).toBe(2);
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: bySaved.body.task_id } });
    expect(task.params).toEqual({ steps: STEPS, action_id: action.id });

    const refKey = await uploadTestImage(ctx, user.auth, photo);
    const inline = await ctx.http.post('/api/v1/actions/apply').set(user.auth).send({ image_key: key, steps: [{ type: 'match', reference_key: refKey }, { type: 'preset', name: 'teal_orange' }] });
    expect(inline.status).toBe(202);
    const inlineTask = await ctx.prisma.task.findUniqueOrThrow({ where: { id: inline.body.task_id } });
    expect(inlineTask.inputs).toEqual({ image: key, 'reference:0': refKey });

    const other = await createTestUser(ctx);
    const foreignRef = await ctx.http.post('/api/v1/actions/apply').set(other.auth).send({ image_key: `u/${other.id}/x.jpg`, steps: [{ type: 'match', reference_key: refKey }] });
    expect(foreignRef.status).toBe(404);
  });
});
