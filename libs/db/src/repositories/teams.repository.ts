import { Injectable } from '@nestjs/common';
import type { Team } from '@prisma/client';
import { PrismaService } from '../prisma.service';

export type TeamWithCount = Team & { _count: { users: number } };

@Injectable()
export class TeamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<TeamWithCount[]> {
    return this.prisma.team.findMany({ orderBy: { createdAt: 'asc' }, include: { _count: { select: { users: true } } } });
  }

  find(id: string): Promise<TeamWithCount | null> {
    return this.prisma.team.findUnique({ where: { id }, include: { _count: { select: { users: true } } } });
  }

  findDefault(): Promise<Team> {
    return this.prisma.team.findFirstOrThrow({ where: { isDefault: true } });
  }

  findByName(name: string): Promise<Team | null> {
    return this.prisma.team.findUnique({ where: { name } });
  }

  create(name: string): Promise<Team> {
    return this.prisma.team.create({ data: { name } });
  }

  rename(id: string, name: string): Promise<Team> {
    return this.prisma.team.update({ where: { id }, data: { name } });
  }

  delete(id: string): Promise<Team> {
    return this.prisma.team.delete({ where: { id } });
  }

  /** A page of teams, oldest first (the default team, created by the migration, comes first). */
  async page(limit: number, offset: number): Promise<{ items: TeamWithCount[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.team.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: limit, skip: offset, include: { _count: { select: { users: true } } } }),
      this.prisma.team.count(),
    ]);
    return { items, total };
  }

  /** A team whose name equals `name` ignoring case: names are unique to people, not just to the byte. */
  findByNameInsensitive(name: string): Promise<Team | null> {
    return this.prisma.team.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
  }
}
