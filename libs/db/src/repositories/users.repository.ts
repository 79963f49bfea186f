import { Injectable } from '@nestjs/common';
import type { Plan, Prisma, Role, Team, User } from '@prisma/client';
import { PrismaService } from '../prisma.service';

export type UserWithPlan = User & { plan: Plan; team: Team };

export interface NewUser {
  username: string;
  email?: string | null;
  passwordHash: string;
  role: Role;
  teamId: string;
  planId: string;
}

/** The users table inside `withUsersLock`'s transaction (pass `tx` on to other repositories' tx-aware methods). */
export interface LockedUsers {
  readonly tx: Prisma.TransactionClient;
  count(): Promise<number>;
  countAdmins(): Promise<number>;
  findById(id: string): Promise<User | null>;
  create(user: NewUser): Promise<User>;
  update(id: string, data: { role?: Role; teamId?: string; planId?: string }): Promise<User>;
  delete(id: string): Promise<User>;
}

/** Key of the transaction-level advisory lock taken by `withUsersLock` (any constant unique to this purpose). */
const USERS_LOCK_KEY = 0x67_6b_75_73; // "gkus"

/** Users are the tenants themselves: lookups here are by id or login name. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  count(): Promise<number> {
    return this.prisma.user.count();
  }

  create(user: NewUser, tx: Prisma.TransactionClient = this.prisma): Promise<User> {
    return tx.user.create({ data: { ...user, email: user.email ?? null } });
  }

  findById(id: string): Promise<UserWithPlan | null> {
    return this.prisma.user.findUnique({ where: { id }, include: { plan: true, team: true } });
  }

  findByLogin(login: string): Promise<User | null> {
    const normalised = login.trim().toLowerCase();
    return this.prisma.user.findFirst({ where: { OR: [{ username: normalised }, { email: normalised }] } });
  }

  async list(limit: number, offset: number): Promise<{ items: UserWithPlan[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.user.findMany({ orderBy: { createdAt: 'asc' }, take: limit, skip: offset, include: { plan: true, team: true } }),
      this.prisma.user.count(),
    ]);
    return { items, total };
  }

  update(id: string, data: { role?: Role; teamId?: string; planId?: string }): Promise<User> {
    return this.prisma.user.update({ where: { id }, data });
  }

  updatePassword(id: string, passwordHash: string): Promise<User> {
    return this.prisma.user.update({ where: { id }, data: { passwordHash } });
  }

  delete(id: string): Promise<User> {
    return this.prisma.user.delete({ where: { id } });
  }

  countAdmins(): Promise<number> {
    return this.prisma.user.count({ where: { role: 'admin' } });
  }

  /**
   * Runs `work` in one transaction that holds an advisory lock shared by every
   * change that must see a stable set of users: registration ("is this the first
   * user?" → admin), role changes and deletions ("is this the last admin?").
   * Without it two concurrent first registrations could both become admin, and two
   * admins demoting each other at once could leave none. The lock is released at
   * commit or rollback; work inside should be short (hash passwords before).
   */
  withUsersLock<T>(work: (users: LockedUsers) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USERS_LOCK_KEY}::bigint)`;
        return work({
          tx,
          count: () => tx.user.count(),
          countAdmins: () => tx.user.count({ where: { role: 'admin' } }),
          findById: (id) => tx.user.findUnique({ where: { id } }),
          create: (user) => this.create(user, tx),
          update: (id, data) => tx.user.update({ where: { id }, data }),
          delete: (id) => tx.user.delete({ where: { id } }),
        });
      },
      // Waiting for the lock counts against the transaction's time, so allow for a queue of registrations.
      { maxWait: 10_000, timeout: 20_000 },
    );
  }

  /**
   * Sets a new password hash and, in the same transaction, ends the user's sessions
   * (all but `keepSessionId`) and optionally revokes all their API keys, so no
   * credential issued under the old password outlives the change.
   */
  async updatePasswordAndEndCredentials(
    id: string,
    passwordHash: string,
    options: { keepSessionId: string | null; revokeApiKeys: boolean },
    now = new Date(),
  ): Promise<{ sessionsEnded: number; apiKeysRevoked: number }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: { passwordHash } });
      const sessions = await tx.session.deleteMany({ where: { userId: id, ...(options.keepSessionId ? { NOT: { id: options.keepSessionId } } : {}) } });
      const keys = options.revokeApiKeys ? await tx.apiKey.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } }) : { count: 0 };
      return { sessionsEnded: sessions.count, apiKeysRevoked: keys.count };
    });
  }
}
