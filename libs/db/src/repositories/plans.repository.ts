import { Injectable } from '@nestjs/common';
import type { Plan } from '@prisma/client';
import { PrismaService } from '../prisma.service';

@Injectable()
export class PlansRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<Plan[]> {
    return this.prisma.plan.findMany({ orderBy: { rank: 'asc' } });
  }

  find(id: string): Promise<Plan | null> {
    return this.prisma.plan.findUnique({ where: { id } });
  }

  update(id: string, data: Partial<Pick<Plan, 'monthlyCredits' | 'requestsPerMinute' | 'requestsPerMonth'>>): Promise<Plan> {
    return this.prisma.plan.update({ where: { id }, data });
  }
}
