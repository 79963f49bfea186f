import { Injectable } from '@nestjs/common';
import { Prisma, type HistoryEntry, type Task } from '@prisma/client';
import { PrismaService } from '../prisma.service';
import type { JsonObject } from '@gradekit/contracts';
import { insertRefundOnce } from './ledger-refund';

export interface HistoryInput {
  op: string;
  params: JsonObject;
  /** The task's input storage keys by role. */
  inputKeys: Readonly<Record<string, string | undefined>>;
  outputKey?: string | null;
  thumbnailKey?: string | null;
  lutKey?: string | null;
}

@Injectable()
export class TasksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One owner's task; another owner's task is simply absent. */
  find(userId: string, id: string): Promise<(Task & { history: HistoryEntry | null }) | null> {
    return this.prisma.task.findFirst({ where: { id, userId }, include: { history: true } });
  }

  /** For the worker, which knows a task only by the job's id. */
  findForProcessing(id: string): Promise<Task | null> {
    return this.prisma.task.findUnique({ where: { id } });
  }

  async markProcessing(id: string, attempt: number, now = new Date()): Promise<void> {
    await this.prisma.task.update({ where: { id }, data: { status: 'processing', attempts: attempt, startedAt: now, error: Prisma.DbNull } });
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.prisma.task.updateMany({ where: { id, status: 'processing' }, data: { progress: Math.max(0, Math.min(100, Math.round(progress))) } });
  }

  /**
   * Stores the result and, when the op produced something to look at again, its
   * History entry — both at once, and idempotently: a re-run overwrites its own
   * result and its one History row (unique per task). `refund` gives back credits
   * for parts that were not delivered (failed items of a batch), in the same
   * transaction and at most once per task (the ledger's unique (task, kind)).
   */
  async complete(
    task: { id: string; userId: string },
    result: Prisma.InputJsonValue,
    history: HistoryInput | null,
    now = new Date(),
    refund?: { amount: number; reason: string },
  ): Promise<HistoryEntry | null> {
    const { id, userId } = task;
    const markCompleted = { where: { id }, data: { status: 'completed' as const, progress: 100, result, finishedAt: now }, select: { id: true } };
    const writeHistory = (tx: Prisma.TransactionClient | PrismaService, entry: HistoryInput) =>
      tx.historyEntry.upsert({ where: { taskId: id }, create: { ...entry, taskId: id, userId }, update: { ...entry } });
    if (!refund || refund.amount <= 0) {
      // The common case as one batched transaction: one trip to the query engine instead
      // of a round trip per statement (it is on the latency path of every sync call).
      const [, entry] = await this.prisma.$transaction([this.prisma.task.update(markCompleted), ...(history ? [writeHistory(this.prisma, history)] : [])]);
      return (entry as HistoryEntry | undefined) ?? null;
    }
    return this.prisma.$transaction(async (tx) => {
      await tx.task.update(markCompleted);
      await insertRefundOnce(tx, { userId, taskId: id, amount: refund.amount, reason: refund.reason });
      return history ? writeHistory(tx, history) : null;
    });
  }

  /**
   * Tasks still queued or processing whose row has not changed since `before` (the stuck-task
   * reconciler's candidates), oldest first, `limit` at a time after the `after` cursor.
   */
  findUnsettledBefore(before: Date, limit: number, after?: { updatedAt: Date; id: string }): Promise<Pick<Task, 'id' | 'op' | 'queue' | 'status' | 'updatedAt'>[]> {
    const cursor = after ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] } : {};
    return this.prisma.task.findMany({
      where: { status: { in: ['queued', 'processing'] }, updatedAt: { lt: before }, ...cursor },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: { id: true, op: true, queue: true, status: true, updatedAt: true },
    });
  }

  /**
   * Puts a stuck task back to `queued` for a re-enqueue — only if it is still queued or
   * processing and unchanged since `before` (a worker that picked it up meanwhile wins).
   * True when this call changed it.
   */
  async requeueIfUnchangedSince(id: string, before: Date): Promise<boolean> {
    const { count } = await this.prisma.task.updateMany({
      where: { id, status: { in: ['queued', 'processing'] }, updatedAt: { lt: before } },
      data: { status: 'queued', progress: 0 },
    });
    return count === 1;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.prisma.task.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
  }
}
