import { Injectable } from '@nestjs/common';
import { Prisma, type HistoryEntry } from '@prisma/client';
import { PrismaService } from '../prisma.service';

export interface HistoryListFilter {
  op?: string;
  /** Inclusive bounds on createdAt. */
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** A thumbnail of the filmstrip: the entry it belongs to. */
export interface HistoryThumbnail {
  id: string;
  op: string;
  createdAt: Date;
  thumbnailKey: string;
}

/**
 * A deleted entry's row as it was, with its task's stored result: the caller deletes the
 * entry's objects from these keys (the row's own keys, and the result's further outputs
 * such as a batch's other images or a video's per-shot LUTs).
 */
export interface DeletedHistoryEntry {
  id: string;
  taskId: string;
  outputKey: string | null;
  thumbnailKey: string | null;
  lutKey: string | null;
  taskResult: unknown;
}

export type HistoryBatchDeletion = { ok: true; deleted: DeletedHistoryEntry[] } | { ok: false; notFound: string[] };

interface DeletedRow {
  id: string;
  task_id: string;
  output_key: string | null;
  thumbnail_key: string | null;
  lut_key: string | null;
  result: unknown;
}

/** Thrown inside a batch delete's transaction to roll it back when some ids were not the owner's. */
class MissingEntries extends Error {
  constructor(readonly found: ReadonlySet<string>) {
    super('history batch delete: unknown ids');
  }
}

/**
 * History entries (one per successful task that produced something to look at again).
 * Owner first, as every repository: another owner's entry is indistinguishable from a
 * missing one. Deletes are `DELETE … RETURNING`: a row is reported to exactly one of two
 * concurrent deleters, so its objects are deleted by whoever really removed the row.
 */
@Injectable()
export class HistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(ownerId: string, id: string): Promise<HistoryEntry | null> {
    return this.prisma.historyEntry.findFirst({ where: { id, userId: ownerId } });
  }

  /** Newest first (id breaks ties, so pages never overlap), with the filter's total. */
  async list(ownerId: string, filter: HistoryListFilter): Promise<{ items: HistoryEntry[]; total: number }> {
    const where: Prisma.HistoryEntryWhereInput = {
      userId: ownerId,
      ...(filter.op === undefined ? {} : { op: filter.op }),
      ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.historyEntry.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: filter.limit, skip: filter.offset }),
      this.prisma.historyEntry.count({ where }),
    ]);
    return { items, total };
  }

  /** The most recent entries that have a thumbnail, newest first. */
  async filmstrip(ownerId: string, limit: number): Promise<HistoryThumbnail[]> {
    const rows = await this.prisma.historyEntry.findMany({
      where: { userId: ownerId, thumbnailKey: { not: null } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, op: true, createdAt: true, thumbnailKey: true },
    });
    return rows.map((row) => ({ id: row.id, op: row.op, createdAt: row.createdAt, thumbnailKey: row.thumbnailKey ?? '' }));
  }

  /** Which of `ids` (null: all) are the owner's entries — what a delete would remove (the sandbox's dry run). */
  async existingIds(ownerId: string, ids: readonly string[] | null): Promise<string[]> {
    const rows = await this.prisma.historyEntry.findMany({
      where: { userId: ownerId, ...(ids === null ? {} : { id: { in: [...new Set(ids.map((id) => id.toLowerCase()))] } }) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** null when the owner has no such entry. */
  async deleteOne(ownerId: string, id: string): Promise<DeletedHistoryEntry | null> {
    const [row] = await this.deleteReturning(this.prisma, ownerId, [id]);
    return row ?? null;
  }

  /**
   * All or nothing: when any id is not one of the owner's entries nothing is deleted and
   * the unknown ids are returned (in the order asked). Duplicated ids count once.
   */
  async deleteMany(ownerId: string, ids: readonly string[]): Promise<HistoryBatchDeletion> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    try {
      const deleted = await this.prisma.$transaction(async (tx) => {
        const rows = await this.deleteReturning(tx, ownerId, unique);
        if (rows.length !== unique.length) throw new MissingEntries(new Set(rows.map((row) => row.id)));
        return rows;
      });
      return { ok: true, deleted };
    } catch (error) {
      if (error instanceof MissingEntries) return { ok: false, notFound: unique.filter((id) => !error.found.has(id)) };
      throw error;
    }
  }

  /** Every entry of the owner's. */
  deleteAll(ownerId: string): Promise<DeletedHistoryEntry[]> {
    return this.deleteReturning(this.prisma, ownerId, null);
  }

  /** ids null: all of the owner's entries. The task row stays (GET /tasks/{id} still answers). */
  private async deleteReturning(client: Prisma.TransactionClient | PrismaService, ownerId: string, ids: readonly string[] | null): Promise<DeletedHistoryEntry[]> {
    const byId = ids === null ? Prisma.empty : Prisma.sql`AND h."id" = ANY(${[...ids]}::uuid[])`;
    const rows = await client.$queryRaw<DeletedRow[]>(Prisma.sql`
      DELETE FROM "history" h USING "tasks" t
      WHERE h."user_id" = ${ownerId}::uuid AND t."id" = h."task_id" ${byId}
      RETURNING h."id", h."task_id", h."output_key", h."thumbnail_key", h."lut_key", t."result"`);
    return rows.map((row) => ({ id: row.id, taskId: row.task_id, outputKey: row.output_key, thumbnailKey: row.thumbnail_key, lutKey: row.lut_key, taskResult: row.result }));
  }
}
