import { Injectable } from '@nestjs/common';
import { Prisma, type Reference, type ReferenceCategory } from '@prisma/client';
import { PrismaService } from '../prisma.service';

/** The two ordered lists of the colourist's library; each has its own dense positions per user. */
type OrderedTable = 'references' | 'reference_categories';

export interface ReferenceListFilter {
  /** A category id, `null` for the uncategorised ones, absent for all. */
  categoryId?: string | null;
  /** Case-insensitive substring of the name. */
  q?: string;
  limit: number;
  offset: number;
}

export interface ReferenceMove {
  id: string;
  position: number;
}

/** A reorder either applied (every id the owner's) or refused, naming the ids the owner does not have. */
export type ReorderResult = { ok: true } | { ok: false; notFound: string[] };

/**
 * References and their categories, always scoped to the owner. Positions stay dense
 * (0..n-1 per user and list): every write that adds, removes or moves a row runs in one
 * transaction holding a per-user advisory lock for that list, so concurrent creates,
 * deletes and reorders serialise instead of interleaving into gaps or duplicates (there is
 * no unique (user_id, position) constraint to catch them: see prisma/schema.prisma).
 */
@Injectable()
export class ReferencesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async createCategory(ownerId: string, name: string): Promise<ReferenceCategory> {
    return this.locked('reference_categories', ownerId, async (tx) => {
      const position = await tx.referenceCategory.count({ where: { userId: ownerId } });
      return tx.referenceCategory.create({ data: { userId: ownerId, name, position } });
    });
  }

  async listCategories(ownerId: string): Promise<ReferenceCategory[]> {
    return this.prisma.referenceCategory.findMany({ where: { userId: ownerId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
  }

  async findCategory(ownerId: string, id: string): Promise<ReferenceCategory | null> {
    return this.prisma.referenceCategory.findFirst({ where: { id, userId: ownerId } });
  }

  /** Deletes the category (its references become uncategorised: ON DELETE SET NULL) and closes the gap. */
  async deleteCategory(ownerId: string, id: string): Promise<boolean> {
    return this.locked('reference_categories', ownerId, async (tx) => {
      const { count } = await tx.referenceCategory.deleteMany({ where: { id, userId: ownerId } });
      if (count === 0) return false;
      await renumber(tx, 'reference_categories', ownerId);
      return true;
    });
  }

  /** A new reference, last in the owner's list, status processing until the worker stores its thumbnail and profile. */
  async create(ownerId: string, data: { name: string; imageKey: string; categoryId: string | null }): Promise<Reference> {
    return this.locked('references', ownerId, async (tx) => {
      const position = await tx.reference.count({ where: { userId: ownerId } });
      return tx.reference.create({ data: { userId: ownerId, name: data.name, imageKey: data.imageKey, categoryId: data.categoryId, position } });
    });
  }

  async find(ownerId: string, id: string): Promise<Reference | null> {
    return this.prisma.reference.findFirst({ where: { id, userId: ownerId } });
  }

  async list(ownerId: string, filter: ReferenceListFilter): Promise<{ items: Reference[]; total: number }> {
    const where: Prisma.ReferenceWhereInput = { userId: ownerId };
    if (filter.categoryId !== undefined) where.categoryId = filter.categoryId;
    if (filter.q !== undefined && filter.q !== '') where.name = { contains: filter.q, mode: 'insensitive' };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.reference.findMany({ where, orderBy: [{ position: 'asc' }, { id: 'asc' }], take: filter.limit, skip: filter.offset }),
      this.prisma.reference.count({ where }),
    ]);
    return { items, total };
  }

  /** What the worker found: the thumbnail and profile (ready) or nothing (failed). False when the reference is gone. */
  async settle(ownerId: string, id: string, outcome: { thumbnailKey: string; profile: Prisma.InputJsonValue } | null): Promise<boolean> {
    const data: Prisma.ReferenceUpdateManyMutationInput = outcome ? { status: 'ready', thumbnailKey: outcome.thumbnailKey, profile: outcome.profile } : { status: 'failed' };
    const { count } = await this.prisma.reference.updateMany({ where: { id, userId: ownerId }, data });
    return count === 1;
  }

  /** Deletes the reference and closes the gap; returns the row (the caller deletes its thumbnail) or null. */
  async deleteOne(ownerId: string, id: string): Promise<Reference | null> {
    return this.locked('references', ownerId, async (tx) => {
      const row = await tx.reference.findFirst({ where: { id, userId: ownerId } });
      if (!row) return null;
      await tx.reference.delete({ where: { id } });
      await renumber(tx, 'references', ownerId);
      return row;
    });
  }

  reorder(ownerId: string, moves: readonly ReferenceMove[]): Promise<ReorderResult> {
    return this.move('references', ownerId, moves);
  }

  reorderCategories(ownerId: string, moves: readonly ReferenceMove[]): Promise<ReorderResult> {
    return this.move('reference_categories', ownerId, moves);
  }

  /**
   * Moves each listed row to its position (clamped to the end), in ascending target order;
   * the rows not listed keep their relative order around them. All or nothing: one id the
   * owner does not have refuses the whole reorder. The caller rejects duplicate ids.
   */
  private move(table: OrderedTable, ownerId: string, moves: readonly ReferenceMove[]): Promise<ReorderResult> {
    return this.locked(table, ownerId, async (tx) => {
      const ids = await orderedIds(tx, table, ownerId);
      const known = new Set(ids);
      const notFound = moves.map((m) => m.id).filter((id) => !known.has(id));
      if (notFound.length > 0) return { ok: false, notFound };
      const moved = new Set(moves.map((m) => m.id));
      const order = ids.filter((id) => !moved.has(id));
      for (const m of [...moves].sort((a, b) => a.position - b.position)) order.splice(Math.min(m.position, order.length), 0, m.id);
      await writePositions(tx, table, order);
      return { ok: true };
    });
  }

  private locked<T>(table: OrderedTable, ownerId: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      // One lock per user and list, released at commit; hashtext collisions only serialise more.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${table}), hashtext(${ownerId}))`;
      return work(tx);
    });
  }
}

async function orderedIds(tx: Prisma.TransactionClient, table: OrderedTable, ownerId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM ${Prisma.raw(`"${table}"`)} WHERE user_id = ${ownerId}::uuid ORDER BY position, id`;
  return rows.map((r) => r.id);
}

/** Writes positions 0..n-1 in `order` in one statement. */
async function writePositions(tx: Prisma.TransactionClient, table: OrderedTable, order: readonly string[]): Promise<void> {
  if (order.length === 0) return;
  await tx.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} AS t SET position = o.ord - 1
    FROM unnest(${order}::uuid[]) WITH ORDINALITY AS o(id, ord)
    WHERE t.id = o.id`;
}

async function renumber(tx: Prisma.TransactionClient, table: OrderedTable, ownerId: string): Promise<void> {
  await writePositions(tx, table, await orderedIds(tx, table, ownerId));
}
