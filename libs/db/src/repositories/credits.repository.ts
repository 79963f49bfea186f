import { Injectable } from '@nestjs/common';
import type { CreditLedgerEntry, Prisma, Task } from '@prisma/client';
import { PrismaService } from '../prisma.service';
import type { JsonObject } from '@gradekit/contracts';
import { insertRefundOnce } from './ledger-refund';

export interface NewTask {
  id: string;
  op: string;
  queue: string;
  /** The op's params as the handler will receive them (JSON: contracts' ParamsOf<Op>). */
  params: JsonObject;
  inputs: Prisma.InputJsonValue;
  credits: number;
  webhookUrl?: string | null;
}

/** What reconcileTaskCharge did: `adjustment` > 0 charged more, < 0 gave back; `total` is what the task now costs. */
export type ChargeReconciliation =
  | { ok: true; charged: number; adjustment: number; total: number; applied: boolean }
  | { ok: false; charged: number; needed: number; balance: number };

export type ChargeOutcome =
  | { ok: true; task: Task; balance: number }
  | { ok: false; balance: number };

/**
 * The credit ledger and the cached balance on users, always changed together in
 * one transaction: `users.credit_balance` equals the sum of the user's ledger rows.
 * Charges and refunds are unique per task (a DB constraint), so nothing here can
 * charge or refund a task twice however often it is called.
 */
@Injectable()
export class CreditsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async balance(userId: string): Promise<number> {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { creditBalance: true } });
    return user.creditBalance;
  }

  /** Sum of the ledger: the audit view of the balance. */
  async ledgerSum(userId: string): Promise<number> {
    const result = await this.prisma.creditLedgerEntry.aggregate({ where: { userId }, _sum: { amount: true } });
    return result._sum.amount ?? 0;
  }

  async grant(userId: string, amount: number, reason: string, actorId: string | null = null, tx?: Prisma.TransactionClient): Promise<number> {
    const run = async (db: Prisma.TransactionClient) => {
      const user = await db.user.update({ where: { id: userId }, data: { creditBalance: { increment: amount } }, select: { creditBalance: true } });
      await db.creditLedgerEntry.create({ data: { userId, kind: 'grant', amount, balanceAfter: user.creditBalance, reason, actorId } });
      return user.creditBalance;
    };
    return tx ? run(tx) : this.prisma.$transaction(run);
  }

  /**
   * Creates the task and debits its price in one transaction. The debit is a
   * conditional UPDATE (balance >= price), so N concurrent calls with credits for
   * K < N succeed exactly K times; the others create nothing.
   */
  async createTaskWithCharge(userId: string, task: NewTask): Promise<ChargeOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ credit_balance: number }[]>`
        UPDATE "users" SET "credit_balance" = "credit_balance" - ${task.credits}, "updated_at" = now()
        WHERE "id" = ${userId}::uuid AND "credit_balance" >= ${task.credits}
        RETURNING "credit_balance"`;
      if (rows.length === 0) {
        const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { creditBalance: true } });
        return { ok: false as const, balance: current.creditBalance };
      }
      const balance = rows[0].credit_balance;
      const created = await tx.task.create({ data: { ...task, userId, status: 'queued' } });
      if (task.credits > 0) {
        await tx.creditLedgerEntry.create({
          data: { userId, kind: 'charge', amount: -task.credits, balanceAfter: balance, taskId: task.id, reason: `op:${task.op}` },
        });
      }
      return { ok: true as const, task: created, balance };
    });
  }

  /**
   * Marks a task failed and refunds its charge, once. Returns true when this call
   * wrote the refund, false when the task had already been refunded (or cost nothing).
   */
  async failTaskAndRefund(taskId: string, error: Prisma.InputJsonValue, now = new Date()): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const task = await tx.task.update({ where: { id: taskId }, data: { status: 'failed', error, finishedAt: now } });
      return this.refundWhatItCost(tx, task);
    });
  }

  /**
   * failTaskAndRefund for the stuck-task reconciler: only while the task is still queued or
   * processing and its row unchanged since `before` — a worker that picked the task up
   * meanwhile (or finished it) wins. `failed` is false when nothing was changed.
   */
  async failUnchangedTaskAndRefund(taskId: string, error: Prisma.InputJsonValue, before: Date, now = new Date()): Promise<{ failed: boolean; refunded: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.task.updateMany({
        where: { id: taskId, status: { in: ['queued', 'processing'] }, updatedAt: { lt: before } },
        data: { status: 'failed', error, finishedAt: now },
      });
      if (count === 0) return { failed: false, refunded: false };
      const task = await tx.task.findUniqueOrThrow({ where: { id: taskId }, select: { id: true, userId: true, op: true } });
      return { failed: true, refunded: await this.refundWhatItCost(tx, task) };
    });
  }

  /** Refunds everything a task cost, its reconciliation included (a failed task costs nothing), at most once. */
  private async refundWhatItCost(tx: Prisma.TransactionClient, task: { id: string; userId: string; op: string }): Promise<boolean> {
    const charged = await tx.creditLedgerEntry.findMany({ where: { taskId: task.id, kind: { in: ['charge', 'adjustment'] } }, select: { amount: true } });
    const total = -charged.reduce((sum, row) => sum + row.amount, 0);
    if (charged.length === 0 || total <= 0) return false;
    return insertRefundOnce(tx, { userId: task.userId, taskId: task.id, amount: total, reason: `refund:${task.op}` });
  }

  /**
   * Reconciles a task charged from an estimate (a client-reported video duration) to its
   * true price, once: one `adjustment` row (negative: a further charge; positive: credits
   * given back) and Task.credits set to the true price, in one transaction. A second call
   * for the same task changes nothing and answers what the first did. A further charge the
   * balance cannot cover changes nothing and answers `ok: false`.
   */
  async reconcileTaskCharge(taskId: string, truePrice: number): Promise<ChargeReconciliation> {
    return this.prisma.$transaction(async (tx) => {
      // The task row's lock serialises runs of the same task (a job taken over from a stalled
      // worker may reconcile beside it): the second waits, then finds the first's adjustment.
      const locked = await tx.$queryRaw<{ user_id: string; op: string }[]>`SELECT "user_id", "op" FROM "tasks" WHERE "id" = ${taskId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new Error(`task ${taskId} does not exist`);
      const task = { userId: locked[0].user_id, op: locked[0].op };
      const rows = await tx.creditLedgerEntry.findMany({ where: { taskId, kind: { in: ['charge', 'adjustment'] } } });
      const charge = rows.find((row) => row.kind === 'charge');
      const previous = rows.find((row) => row.kind === 'adjustment');
      const charged = -(charge?.amount ?? 0);
      if (previous) return { ok: true as const, charged, adjustment: -previous.amount, total: charged - previous.amount, applied: false };
      const delta = truePrice - charged;
      if (delta === 0) return { ok: true as const, charged, adjustment: 0, total: charged, applied: false };
      const balanceRows = await tx.$queryRaw<{ credit_balance: number }[]>`
        UPDATE "users" SET "credit_balance" = "credit_balance" - ${delta}, "updated_at" = now()
        WHERE "id" = ${task.userId}::uuid AND (${delta} < 0 OR "credit_balance" >= ${delta})
        RETURNING "credit_balance"`;
      if (balanceRows.length === 0) {
        const current = await tx.user.findUniqueOrThrow({ where: { id: task.userId }, select: { creditBalance: true } });
        return { ok: false as const, charged, needed: delta, balance: current.creditBalance };
      }
      await tx.creditLedgerEntry.create({
        data: { userId: task.userId, kind: 'adjustment', amount: -delta, balanceAfter: balanceRows[0].credit_balance, taskId, reason: `reconcile:${task.op}` },
      });
      await tx.task.update({ where: { id: taskId }, data: { credits: truePrice } });
      return { ok: true as const, charged, adjustment: delta, total: truePrice, applied: true };
    });
  }

  /** Credits given back for a task so far (0 when none). */
  async refundedFor(taskId: string): Promise<number> {
    const refund = await this.prisma.creditLedgerEntry.findUnique({ where: { taskId_kind: { taskId, kind: 'refund' } }, select: { amount: true } });
    return refund?.amount ?? 0;
  }

  /** One owner's ledger, newest first. */
  async list(userId: string, limit: number, offset: number): Promise<{ items: CreditLedgerEntry[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.creditLedgerEntry.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: limit, skip: offset }),
      this.prisma.creditLedgerEntry.count({ where: { userId } }),
    ]);
    return { items, total };
  }
}
