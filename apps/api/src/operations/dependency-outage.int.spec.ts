import { CreditsRepository, TasksRepository } from '@gradekit/db';
import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { solidImage } from '../../../../test/support/test-images';

/** An error shaped as Prisma raises it over the pg adapter when Postgres is gone (the real one is classified by name and code). */
function databaseGone(): Error {
  return Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { name: 'PrismaClientKnownRequestError', code: 'P1001' });
}

/**
 * The runner's answers when Postgres goes away in the middle of a paid call (the faults soak,
 * test/e2e/faults.e2e-spec.ts, meets these only by chance). The database is made to fail at the
 * repository boundary, once, at the chosen step; everything else is real.
 */
describe('a paid call when the database goes away mid-way', () => {
  let ctx: ApiTestContext;
  let image: string;

  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
    image = (await solidImage(32, 24, { r: 200, g: 120, b: 40 })).toString('base64');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => ctx.close());

  it('charged and queued, then the read-back fails: 202 with the task id, charged once (a retry would pay twice)', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = (await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: image })).body.key as string;
    jest.spyOn(ctx.app.get(TasksRepository), 'find').mockRejectedValueOnce(databaseGone());
    const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ task_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued', credits_used: 1, credits_remaining: 4, sandbox: false });
    const task = await ctx.prisma.task.findUniqueOrThrow({ where: { id: res.body.task_id } });
    expect(task).toMatchObject({ userId: user.id, status: 'queued' });
    expect((await ctx.prisma.creditLedgerEntry.findMany({ where: { taskId: task.id } })).map((row) => row.kind)).toEqual(['charge']);
  });

  it('down before the charge: 503 DEPENDENCY_UNAVAILABLE with Retry-After, and nothing charged', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = (await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: image })).body.key as string;
    const tasksBefore = await ctx.prisma.task.count({ where: { userId: user.id } });
    jest.spyOn(ctx.app.get(CreditsRepository), 'createTaskWithCharge').mockRejectedValueOnce(databaseGone());
    const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({ error: expect.stringMatching(/database is unavailable/), code: 'DEPENDENCY_UNAVAILABLE', details: [{ message: 'database unreachable', dependency: 'database', retry_after: 5 }] });
    expect(await ctx.prisma.task.count({ where: { userId: user.id } })).toBe(tasksBefore);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).creditBalance).toBe(5);
  });

  it('an error that is not an outage stays a 500 (the classifier does not swallow bugs)', async () => {
    const user = await createTestUser(ctx, { credits: 5 });
    const key = (await ctx.http.post('/api/v1/storage/upload').set(user.auth).send({ data: image })).body.key as string;
    jest.spyOn(ctx.app.get(CreditsRepository), 'createTaskWithCharge').mockRejectedValueOnce(new TypeError('x is not a function'));
    const res = await ctx.http.post('/api/v1/analyze').set(user.auth).send({ image_key: key });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
  });
});
