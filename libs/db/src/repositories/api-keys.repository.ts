import { Injectable } from '@nestjs/common';
import { Prisma, type ApiKey } from '@prisma/client';
import { PrismaService } from '../prisma.service';
import { PRINCIPAL_COLUMNS, PRINCIPAL_JOINS, userFromPrincipalRow, type PrincipalRow, type UserWithPlanAndTeam } from './principal-row';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(userId: string, data: { name: string; prefix: string; keyHash: string }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data: { userId, ...data } });
  }

  /**
   * Creates the key unless the owner already has `maxActive` active keys (then null).
   * The count and the insert run in one transaction that locks the owner's row, so
   * concurrent requests cannot both pass the check.
   */
  createWithinLimit(userId: string, data: { name: string; prefix: string; keyHash: string }, maxActive: number): Promise<ApiKey | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "users" WHERE "id" = ${userId}::uuid FOR UPDATE`;
      const active = await tx.apiKey.count({ where: { userId, revokedAt: null } });
      if (active >= maxActive) return null;
      return tx.apiKey.create({ data: { userId, ...data } });
    });
  }

  /** Active (not revoked) keys of one owner, newest first. */
  list(userId: string): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  }

  /** The key with this hash if it is not revoked. The hash is the lookup: it is unique. */
  findActiveByHash(keyHash: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null } });
  }

  /** Authentication in one query: the active key with its owner, plan and team. */
  async findActiveByHashWithUser(keyHash: string): Promise<{ id: string; lastUsedAt: Date | null; user: UserWithPlanAndTeam } | null> {
    const rows = await this.prisma.$queryRaw<(PrincipalRow & { c_id: string; c_last_used_at: Date | null })[]>(Prisma.sql`
      SELECT c."id" AS c_id, c."last_used_at" AS c_last_used_at, ${PRINCIPAL_COLUMNS}
      FROM "api_keys" c ${PRINCIPAL_JOINS}
      WHERE c."key_hash" = ${keyHash} AND c."revoked_at" IS NULL
      LIMIT 1`);
    const row = rows[0];
    return row ? { id: row.c_id, lastUsedAt: row.c_last_used_at ? new Date(row.c_last_used_at) : null, user: userFromPrincipalRow(row) } : null;
  }

  /** Revokes one of the owner's keys; false when the owner has no such active key. */
  async revoke(userId: string, id: string, now = new Date()): Promise<boolean> {
    const result = await this.prisma.apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
    return result.count === 1;
  }

  async revokeAll(userId: string, now = new Date()): Promise<number> {
    return (await this.prisma.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })).count;
  }

  async touch(id: string, now = new Date()): Promise<void> {
    await this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: now } });
  }

  /** One owner's active key; another owner's key (or a revoked one) is absent. */
  find(userId: string, id: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findFirst({ where: { id, userId, revokedAt: null } });
  }

  /** A page of one owner's active keys, newest first (ties broken by id so pages are stable). */
  async page(userId: string, limit: number, offset: number): Promise<{ items: ApiKey[]; total: number }> {
    const where = { userId, revokedAt: null };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.apiKey.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
      this.prisma.apiKey.count({ where }),
    ]);
    return { items, total };
  }

  /** Revokes every active key of the owner with this name (e.g. the seed's previous "quickstart" key). */
  async revokeByName(userId: string, name: string, now = new Date()): Promise<number> {
    return (await this.prisma.apiKey.updateMany({ where: { userId, name, revokedAt: null }, data: { revokedAt: now } })).count;
  }
}
