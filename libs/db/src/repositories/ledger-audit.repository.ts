import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

/** One thing the ledger audit found wrong, with the rows it is about. */
export type LedgerProblem =
  | { kind: 'balance_mismatch'; user_id: string; credit_balance: number; ledger_sum: number }
  | { kind: 'failed_task_not_refunded'; task_id: string; user_id: string; charged: number; refunded: number }
  | { kind: 'refund_exceeds_charge'; task_id: string; user_id: string; charged: number; refunded: number }
  | { kind: 'unfinished_task_refunded'; task_id: string; user_id: string; status: string; refunded: number }
  | { kind: 'task_credits_mismatch'; task_id: string; user_id: string; task_credits: number; charged: number }
  | { kind: 'stuck_task'; task_id: string; user_id: string; status: string; updated_at: string };

export interface LedgerAudit {
  users: number;
  tasks: number;
  /** Per kind over every user: grants − charges + refunds ± adjustments = the sum of balances. */
  totals: { grants: number; charges: number; refunds: number; adjustments: number; balances: number };
  problems: LedgerProblem[];
}

/**
 * Proves from the database alone that credits were never lost or counted twice — what the
 * load and fault soaks (and an operator after an incident) run: every user's cached balance
 * is the sum of their ledger; a failed task got back exactly what it cost (charge and
 * reconciliation adjustment); a completed one at most that (a batch's failed items); a task
 * still running has no refund; Task.credits is what was charged; and, optionally, no task has
 * sat queued or processing for longer than `stuckAfterMinutes`.
 */
@Injectable()
export class LedgerAuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async audit(options: { stuckAfterMinutes?: number } = {}): Promise<LedgerAudit> {
    const problems: LedgerProblem[] = [];
    const balances = await this.prisma.$queryRaw<{ user_id: string; credit_balance: number; ledger_sum: bigint | null }[]>`
      SELECT u."id" AS user_id, u."credit_balance", (SELECT SUM(l."amount") FROM "credit_ledger" l WHERE l."user_id" = u."id") AS ledger_sum
      FROM "users" u`;
    for (const row of balances) {
      const sum = Number(row.ledger_sum ?? 0);
      if (sum !== row.credit_balance) problems.push({ kind: 'balance_mismatch', user_id: row.user_id, credit_balance: row.credit_balance, ledger_sum: sum });
    }

    const tasks = await this.prisma.$queryRaw<{ task_id: string; user_id: string; status: string; credits: number; updated_at: Date; charged: bigint; refunded: bigint }[]>`
      SELECT t."id" AS task_id, t."user_id", t."status"::text AS status, t."credits", t."updated_at",
             COALESCE(-SUM(l."amount") FILTER (WHERE l."kind" IN ('charge', 'adjustment')), 0) AS charged,
             COALESCE(SUM(l."amount") FILTER (WHERE l."kind" = 'refund'), 0) AS refunded
      FROM "tasks" t LEFT JOIN "credit_ledger" l ON l."task_id" = t."id"
      GROUP BY t."id"`;
    const stuckBefore = options.stuckAfterMinutes === undefined ? null : Date.now() - options.stuckAfterMinutes * 60_000;
    for (const t of tasks) {
      const charged = Number(t.charged);
      const refunded = Number(t.refunded);
      const ids = { task_id: t.task_id, user_id: t.user_id };
      if (t.status === 'failed' && refunded !== charged) problems.push({ kind: 'failed_task_not_refunded', ...ids, charged, refunded });
      if (refunded > charged) problems.push({ kind: 'refund_exceeds_charge', ...ids, charged, refunded });
      if ((t.status === 'queued' || t.status === 'processing') && refunded > 0) problems.push({ kind: 'unfinished_task_refunded', ...ids, status: t.status, refunded });
      if (charged > 0 && t.credits !== charged) problems.push({ kind: 'task_credits_mismatch', ...ids, task_credits: t.credits, charged });
      if (stuckBefore !== null && (t.status === 'queued' || t.status === 'processing') && t.updated_at.getTime() < stuckBefore) {
        problems.push({ kind: 'stuck_task', ...ids, status: t.status, updated_at: t.updated_at.toISOString() });
      }
    }

    const [totals] = await this.prisma.$queryRaw<{ grants: bigint | null; charges: bigint | null; refunds: bigint | null; adjustments: bigint | null }[]>`
      SELECT SUM("amount") FILTER (WHERE "kind" = 'grant') AS grants, -SUM("amount") FILTER (WHERE "kind" = 'charge') AS charges,
             SUM("amount") FILTER (WHERE "kind" = 'refund') AS refunds, SUM("amount") FILTER (WHERE "kind" = 'adjustment') AS adjustments
      FROM "credit_ledger"`;
    return {
      users: balances.length,
      tasks: tasks.length,
      totals: {
        grants: Number(totals?.grants ?? 0),
        charges: Number(totals?.charges ?? 0),
        refunds: Number(totals?.refunds ?? 0),
        adjustments: Number(totals?.adjustments ?? 0),
        balances: balances.reduce((sum, row) => sum + row.credit_balance, 0),
      },
      problems,
    };
  }
}
