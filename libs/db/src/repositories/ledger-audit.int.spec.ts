import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { CreditsRepository } from './credits.repository';
import { LedgerAuditRepository } from './ledger-audit.repository';
import { TasksRepository } from './tasks.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

describe('ledger audit: credits never lost or counted twice, proven from the database', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let credits: CreditsRepository;
  let audit: LedgerAuditRepository;

  beforeAll(async () => {
    db = await createTestDatabase('ledger-audit');
    prisma = new PrismaService(db.url);
    credits = new CreditsRepository(prisma);
    audit = new LedgerAuditRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  async function user(grant: number): Promise<string> {
    const team = await new TeamsRepository(prisma).findDefault();
    const created = await new UsersRepository(prisma).create({ username: `a${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'pro' });
    await credits.grant(created.id, grant, 'test grant');
    return created.id;
  }

  async function task(userId: string, price: number): Promise<string> {
    const id = randomUUID();
    expect((await credits.createTaskWithCharge(userId, { id, op: 'video_grade', queue: 'video', params: {}, inputs: {}, credits: price })).ok).toBe(true);
    return id;
  }

  it('finds nothing wrong after charges, a completed task, a reconciled and failed task, and a running one', async () => {
    const u = await user(20);
    const done = await task(u, 2);
    await new TasksRepository(prisma).complete((await prisma.task.findUniqueOrThrow({ where: { id: done } })), { ok: true }, null);
    const failed = await task(u, 5);
    await credits.reconcileTaskCharge(failed, 3);
    await credits.failTaskAndRefund(failed, { code: 'INVALID_VIDEO', message: 'x', details: [] });
    await task(u, 1);
    const report = await audit.audit();
    expect(report.problems).toEqual([]);
    expect(report.totals.grants - report.totals.charges + report.totals.refunds + report.totals.adjustments).toBe(report.totals.balances);
  });

  it('reports a cached balance that drifted from the ledger, a failed task left charged, and a task stuck past the deadline', async () => {
    const u = await user(10);
    await prisma.user.update({ where: { id: u }, data: { creditBalance: { increment: 3 } } });
    const failed = await task(u, 2);
    await prisma.task.update({ where: { id: failed }, data: { status: 'failed' } }); // failed without its refund
    const stuck = await task(u, 1);
    await prisma.$executeRaw`UPDATE "tasks" SET "updated_at" = now() - interval '2 hours' WHERE "id" = ${stuck}::uuid`;
    const report = await audit.audit({ stuckAfterMinutes: 60 });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { kind: 'balance_mismatch', user_id: u, credit_balance: 10 + 3 - 3, ledger_sum: 10 - 3 },
        { kind: 'failed_task_not_refunded', task_id: failed, user_id: u, charged: 2, refunded: 0 },
        expect.objectContaining({ kind: 'stuck_task', task_id: stuck, status: 'queued' }),
      ]),
    );
  });
});
