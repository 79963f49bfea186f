import { Injectable } from '@nestjs/common';
import type { HistoryEntry } from '@prisma/client';
import { PrismaService } from '../prisma.service';

/**
 * History entries (one per successful task that produced something to look at again).
 * Owner first, as every repository: another owner's entry is indistinguishable from a
 * missing one. The library issue adds listing and deletion; video needs the lookup.
 */
@Injectable()
export class HistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(ownerId: string, id: string): Promise<HistoryEntry | null> {
    return this.prisma.historyEntry.findFirst({ where: { id, userId: ownerId } });
  }
}
