import { Injectable } from '@nestjs/common';
import type { Plan, Session, Team, User } from '@prisma/client';
import { PrismaService } from '../prisma.service';

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
  findLiveWithUser(tokenHash: string, now = new Date()): Promise<(Session & { user: User & { plan: Plan; team: Team } }) | null> {
    return this.prisma.session.findFirst({ where: { tokenHash, expiresAt: { gt: now } }, include: { user: { include: { plan: true, team: true } } } });
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
