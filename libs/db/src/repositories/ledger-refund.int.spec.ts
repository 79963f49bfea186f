import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { CreditsRepository } from './credits.repository';
import { insertRefundOnce } from './ledger-refund';
import { TasksRepository } from './tasks.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** The one refund path behind failTaskAndRefund and complete's partial refund, on a real Postgres. */
describe('refund once per task (ledger)', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let credits: CreditsRepository;
  let tasks: TasksRepository;

  beforeAll(async () => {
    db = await createTestDatabase('ledger');
    prisma = new PrismaService(db.url);
    credits = new CreditsRepository(prisma);
    tasks = new TasksRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  /** A user granted 10 credits with one task charged `price`. */
  async function chargedTask(price: number): Promise<{ userId: string; taskId: string }> {
    const team = await new TeamsRepository(prisma).findDefault();
    const user = await new UsersRepository(prisma).create({ username: `l${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'free' });
    await credits.grant(user.id, 10, 'test grant');
    const taskId = randomUUID();
    const charged = await credits.createTaskWithCharge(user.id, { id: taskId, op: 'match_batch', queue: 'image', params: {}, inputs: {}, credits: price });
    expect(charged.ok).toBe(true);
    return { userId: user.id, taskId };
  }

  const refunds = (taskId: string) => prisma.creditLedgerEntry.findMany({ where: { taskId, kind: 'refund' } });

  it('failTaskAndRefund gives the whole charge back once, however many calls race', async () => {
    const { userId, taskId } = await chargedTask(3);
    const results = await Promise.all([1, 2, 3].map(() => credits.failTaskAndRefund(taskId, { code: 'INTERNAL', message: 'x', details: [] })));
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await refunds(taskId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId, amount: 3, reason: 'refund:match_batch', balanceAfter: 10 });
    expect(await credits.balance(userId)).toBe(10);
    expect(await credits.ledgerSum(userId)).toBe(10);
  });

  it("complete's partial refund is written once, with the balance it left", async () => {
    const { userId, taskId } = await chargedTask(4);
    const task = { id: taskId, userId };
    const refund = { amount: 2, reason: 'refund:match_batch:partial' };
    await tasks.complete(task, { ok: true }, null, new Date(), refund);
    await tasks.complete(task, { ok: true }, null, new Date(), refund); // a re-run
    const rows = await refunds(taskId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: 2, reason: 'refund:match_batch:partial', balanceAfter: 8 });
    expect(await credits.balance(userId)).toBe(8);
    expect(await credits.ledgerSum(userId)).toBe(8);
    // The task already has its refund: failing it later gives nothing more back.
    expect(await credits.failTaskAndRefund(taskId, { code: 'INTERNAL', message: 'x', details: [] })).toBe(false);
    expect(await credits.balance(userId)).toBe(8);
  });

  it('insertRefundOnce reports whether it wrote the refund and leaves the balance alone when it did not', async () => {
    const { userId, taskId } = await chargedTask(1);
    expect(await prisma.$transaction((tx) => insertRefundOnce(tx, { userId, taskId, amount: 1, reason: 'refund:test' }))).toBe(true);
    expect(await prisma.$transaction((tx) => insertRefundOnce(tx, { userId, taskId, amount: 5, reason: 'refund:test' }))).toBe(false);
    expect((await refunds(taskId)).map((row) => [row.amount, row.balanceAfter])).toEqual([[1, 10]]);
    expect(await credits.balance(userId)).toBe(10);
  });
});
