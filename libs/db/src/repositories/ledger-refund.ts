import type { Prisma } from '@prisma/client';

export interface RefundEntry {
  userId: string;
  taskId: string;
  /** Credits given back: positive. */
  amount: number;
  reason: string;
}

/**
 * Writes a task's refund and raises the owner's balance by it, at most once per task:
 * the ledger's unique (task_id, kind) makes a second refund of the same task insert
 * nothing, which is why this is a raw INSERT … ON CONFLICT DO NOTHING and not a
 * Prisma create (a create would throw inside the caller's transaction and abort it).
 * The row is inserted with balance_after 0 and corrected once the balance is updated,
 * so the balance is only touched when the insert won. Must run inside the caller's
 * transaction (`tx`), with whatever else the refund belongs to (the task's status).
 * Returns true when this call wrote the refund.
 */
export async function insertRefundOnce(tx: Prisma.TransactionClient, refund: RefundEntry): Promise<boolean> {
  const { userId, taskId, amount, reason } = refund;
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "credit_ledger" ("id", "user_id", "kind", "amount", "balance_after", "task_id", "reason")
    VALUES (gen_random_uuid(), ${userId}::uuid, 'refund', ${amount}, 0, ${taskId}::uuid, ${reason})
    ON CONFLICT ("task_id", "kind") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) return false;
  const user = await tx.user.update({ where: { id: userId }, data: { creditBalance: { increment: amount } }, select: { creditBalance: true } });
  await tx.creditLedgerEntry.update({ where: { id: inserted[0].id }, data: { balanceAfter: user.creditBalance } });
  return true;
}
