import { Injectable } from '@nestjs/common';
import { Prisma, type Session } from '@prisma/client';
import { PrismaService } from '../prisma.service';
import { PRINCIPAL_COLUMNS, PRINCIPAL_JOINS, userFromPrincipalRow, type PrincipalRow, type UserWithPlanAndTeam } from './principal-row';

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(userId: string, data: { tokenHash: string; expiresAt: Date; ip?: string; userAgent?: string }): Promise<Session> {
    return this.prisma.session.create({ data: { userId, ...data } });
  }

  /** A live session by its token hash; expired ones count as absent. */
  findLive(tokenHash: string, now = new Date()): Promise<Session | null> {
    return this.prisma.session.findFirst({ where: { tokenHash, expiresAt: { gt: now } } });
  }

  /** Authentication in one query: the live session with its user, plan and team. */
  async findLiveWithUser(tokenHash: string, now = new Date()): Promise<{ id: string; expiresAt: Date; user: UserWithPlanAndTeam } | null> {
    const rows = await this.prisma.$queryRaw<(PrincipalRow & { c_id: string; c_expires_at: Date })[]>(Prisma.sql`
      SELECT c."id" AS c_id, c."expires_at" AS c_expires_at, ${PRINCIPAL_COLUMNS}
      FROM "sessions" c ${PRINCIPAL_JOINS}
      WHERE c."token_hash" = ${tokenHash} AND c."expires_at" > ${now}
      LIMIT 1`);
    const row = rows[0];
    return row ? { id: row.c_id, expiresAt: new Date(row.c_expires_at), user: userFromPrincipalRow(row) } : null;
  }

  async delete(userId: string, id: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id, userId } });
  }

  /** Ends every session of the user except `keepId` (after a password change). */
  async deleteAllExcept(userId: string, keepId: string | null): Promise<number> {
    const result = await this.prisma.session.deleteMany({ where: { userId, ...(keepId ? { NOT: { id: keepId } } : {}) } });
    return result.count;
  }

  async deleteExpired(now = new Date()): Promise<number> {
    return (await this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }

  /** One of the user's sessions by id (expired or not). */
  find(userId: string, id: string): Promise<Session | null> {
    return this.prisma.session.findFirst({ where: { id, userId } });
  }
}
