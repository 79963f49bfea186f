import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { CreditsRepository } from './credits.repository';
import { SettingsRepository } from './settings.repository';
import { TasksRepository } from './tasks.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** The writes behind the queue-prefix marker and the stuck-task reconciler, on a real Postgres. */
describe('deployment identity and stuck-task writes', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let credits: CreditsRepository;
  let tasks: TasksRepository;

  beforeAll(async () => {
    db = await createTestDatabase('stuck');
    prisma = new PrismaService(db.url);
    credits = new CreditsRepository(prisma);
    tasks = new TasksRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  async function chargedTask(price: number): Promise<{ userId: string; taskId: string }> {
    const team = await new TeamsRepository(prisma).findDefault();
    const user = await new UsersRepository(prisma).create({ username: `s${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'free' });
    await credits.grant(user.id, 10, 'test grant');
    const taskId = randomUUID();
    expect((await credits.createTaskWithCharge(user.id, { id: taskId, op: 'analyze', queue: 'image', params: {}, inputs: {}, credits: price })).ok).toBe(true);
    return { userId: user.id, taskId };
  }

  it('gives the database one identity, however many processes ask at once', async () => {
    const settings = new SettingsRepository(prisma);
    const ids = await Promise.all(Array.from({ length: 8 }, () => settings.deploymentId()));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await settings.deploymentId()).toBe(ids[0]);
  });

  it('lists unsettled tasks older than the deadline, page by page', async () => {
    const a = await chargedTask(1);
    const b = await chargedTask(1);
    await tasks.markProcessing(b.taskId, 1);
    const done = await chargedTask(1);
    await tasks.complete({ id: done.taskId, userId: done.userId }, { ok: true }, null);
    const later = new Date(Date.now() + 60_000);
    expect(await tasks.findUnsettledBefore(new Date(Date.now() - 60_000), 10)).toEqual([]);
    const all = await tasks.findUnsettledBefore(later, 10);
    expect(all.map((task) => task.id)).toEqual(expect.arrayContaining([a.taskId, b.taskId]));
    expect(all.map((task) => task.id)).not.toContain(done.taskId);
    const first = await tasks.findUnsettledBefore(later, 1);
    const rest = await tasks.findUnsettledBefore(later, 10, first[0]);
    expect([...first, ...rest].map((task) => task.id)).toEqual(all.map((task) => task.id));
  });

  it('requeues and fails only a task unchanged since the deadline, and refunds it once', async () => {
    const { userId, taskId } = await chargedTask(3);
    const earlier = new Date(Date.now() - 60_000);
    expect(await tasks.requeueIfUnchangedSince(taskId, earlier)).toBe(false); // changed since: a worker has it
    expect(await credits.failUnchangedTaskAndRefund(taskId, { code: 'INTERNAL' }, earlier)).toEqual({ failed: false, refunded: false });

    await tasks.markProcessing(taskId, 1);
    const later = new Date(Date.now() + 60_000);
    expect(await tasks.requeueIfUnchangedSince(taskId, later)).toBe(true);
    expect(await tasks.findForProcessing(taskId)).toMatchObject({ status: 'queued', progress: 0 });

    expect(await credits.failUnchangedTaskAndRefund(taskId, { code: 'INTERNAL' }, later)).toEqual({ failed: true, refunded: true });
    expect(await credits.failUnchangedTaskAndRefund(taskId, { code: 'INTERNAL' }, later)).toEqual({ failed: false, refunded: false });
    expect(await tasks.requeueIfUnchangedSince(taskId, later)).toBe(false); // failed is final
    expect((await prisma.creditLedgerEntry.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } })).map((row) => [row.kind, row.amount])).toEqual([
      ['charge', -3],
      ['refund', 3],
    ]);
    expect(await credits.balance(userId)).toBe(10);
  });
});
