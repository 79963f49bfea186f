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
      const charge = await tx.creditLedgerEntry.findUnique({ where: { taskId_kind: { taskId, kind: 'charge' } } });
      if (!charge) return false;
      return insertRefundOnce(tx, { userId: task.userId, taskId, amount: -charge.amount, reason: `refund:${task.op}` });
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
