import { Injectable } from '@nestjs/common';
import type { UsageLogEntry } from '@prisma/client';
import { PrismaService } from '../prisma.service';

export interface NewUsageEntry {
  apiKeyId?: string | null;
  op: string;
  method: string;
  path: string;
  status: number;
  credits: number;
  sandbox: boolean;
  taskId?: string | null;
  durationMs: number;
}

@Injectable()
export class UsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(userId: string, entry: NewUsageEntry): Promise<void> {
    await this.prisma.usageLogEntry.create({ data: { userId, ...entry } });
  }

  /** One owner's usage, newest first. */
  async list(userId: string, limit: number, offset: number): Promise<{ items: UsageLogEntry[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.usageLogEntry.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
      this.prisma.usageLogEntry.count({ where: { userId } }),
    ]);
    return { items, total };
  }
}
