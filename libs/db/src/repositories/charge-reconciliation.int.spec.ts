import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { CreditsRepository } from './credits.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** A charge made from an estimate (video: the client's duration), reconciled to the true price once, on a real Postgres. */
describe('reconcileTaskCharge (ledger adjustment)', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let credits: CreditsRepository;

  beforeAll(async () => {
    db = await createTestDatabase('reconcile');
    prisma = new PrismaService(db.url);
    credits = new CreditsRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  /** A user granted `grant` credits with one video task charged `price`. */
  async function chargedTask(price: number, grant = 10): Promise<{ userId: string; taskId: string }> {
    const team = await new TeamsRepository(prisma).findDefault();
    const user = await new UsersRepository(prisma).create({ username: `r${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'pro' });
    await credits.grant(user.id, grant, 'test grant');
    const taskId = randomUUID();
    const charged = await credits.createTaskWithCharge(user.id, { id: taskId, op: 'video_grade', queue: 'video', params: {}, inputs: {}, credits: price });
    expect(charged.ok).toBe(true);
    return { userId: user.id, taskId };
  }

  const adjustments = (taskId: string) => prisma.creditLedgerEntry.findMany({ where: { taskId, kind: 'adjustment' } });

  it('charges the difference once when the video is longer than reported, however many runs race', async () => {
    const { userId, taskId } = await chargedTask(2);
    const results = await Promise.all([1, 2, 3].map(() => credits.reconcileTaskCharge(taskId, 5)));
    expect(results.filter((r) => r.ok && r.applied)).toHaveLength(1);
    expect(results.every((r) => r.ok && r.total === 5 && r.adjustment === 3)).toBe(true);
    const rows = await adjustments(taskId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId, amount: -3, reason: 'reconcile:video_grade', balanceAfter: 5 });
    expect((await prisma.task.findUniqueOrThrow({ where: { id: taskId } })).credits).toBe(5);
    expect(await credits.balance(userId)).toBe(5);
    expect(await credits.ledgerSum(userId)).toBe(5);
  });

  it('gives the difference back when the video is shorter, and a later failure refunds what is left, once', async () => {
    const { userId, taskId } = await chargedTask(6);
    const reconciled = await credits.reconcileTaskCharge(taskId, 2);
    expect(reconciled).toMatchObject({ ok: true, charged: 6, adjustment: -4, total: 2, applied: true });
    expect(await credits.balance(userId)).toBe(8);
    expect(await credits.failTaskAndRefund(taskId, { code: 'INVALID_VIDEO', message: 'x', details: [] })).toBe(true);
    expect(await credits.failTaskAndRefund(taskId, { code: 'INVALID_VIDEO', message: 'x', details: [] })).toBe(false);
    // Refunded in full: the 2 still charged come back, not the 6 first charged.
    expect(await credits.balance(userId)).toBe(10);
    expect(await credits.ledgerSum(userId)).toBe(10);
  });

  it('refuses a further charge the balance cannot cover, changing nothing', async () => {
    const { userId, taskId } = await chargedTask(4, 5);
    const reconciled = await credits.reconcileTaskCharge(taskId, 20);
    expect(reconciled).toEqual({ ok: false, charged: 4, needed: 16, balance: 1 });
    expect(await adjustments(taskId)).toHaveLength(0);
    expect(await credits.balance(userId)).toBe(1);
    expect((await prisma.task.findUniqueOrThrow({ where: { id: taskId } })).credits).toBe(4);
  });

  it('writes nothing when the estimate was right', async () => {
    const { taskId } = await chargedTask(3);
    expect(await credits.reconcileTaskCharge(taskId, 3)).toMatchObject({ ok: true, adjustment: 0, total: 3, applied: false });
    expect(await adjustments(taskId)).toHaveLength(0);
  });
});
