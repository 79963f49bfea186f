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
}
