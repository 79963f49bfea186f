import { Injectable } from '@nestjs/common';
import type { Action, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma.service';

export interface ActionData {
  name: string;
  description?: string | null;
  steps: Prisma.InputJsonValue;
}

/** Saved processing actions, always by owner: another owner's action is simply absent. */
@Injectable()
export class ActionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(userId: string, limit: number, offset: number): Promise<{ items: Action[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.action.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
      this.prisma.action.count({ where: { userId } }),
    ]);
    return { items, total };
  }

  find(userId: string, id: string): Promise<Action | null> {
    return this.prisma.action.findFirst({ where: { id, userId } });
  }

  create(userId: string, data: ActionData): Promise<Action> {
    return this.prisma.action.create({ data: { userId, name: data.name, description: data.description ?? null, steps: data.steps } });
  }

  /** Updates one of the owner's actions; null when the owner has no such action. */
  async update(userId: string, id: string, data: Partial<ActionData>): Promise<Action | null> {
    const result = await this.prisma.action.updateMany({ where: { id, userId }, data });
    return result.count === 1 ? this.find(userId, id) : null;
  }

  async delete(userId: string, id: string): Promise<boolean> {
    return (await this.prisma.action.deleteMany({ where: { id, userId } })).count === 1;
  }
}
