import { Injectable } from '@nestjs/common';
import type { IdempotencyRecord, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from '../unique-violation';

export type IdempotencyClaim =
  | { claimed: true }
  | { claimed: false; record: IdempotencyRecord };

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims (userId, key) for a new request, or returns the record that already holds
   * it. Expired records are cleared first so a key can be reused after its TTL.
   */
  async claim(userId: string, key: string, requestHash: string, expiresAt: Date, now = new Date()): Promise<IdempotencyClaim> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { userId, key, expiresAt: { lte: now } } });
    try {
      await this.prisma.idempotencyRecord.create({ data: { userId, key, requestHash, expiresAt } });
      return { claimed: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const record = await this.prisma.idempotencyRecord.findUnique({ where: { userId_key: { userId, key } } });
      if (!record) return this.claim(userId, key, requestHash, expiresAt, now);
      return { claimed: false, record };
    }
  }

  async complete(userId: string, key: string, status: number, body: Prisma.InputJsonValue): Promise<void> {
    await this.prisma.idempotencyRecord.update({ where: { userId_key: { userId, key } }, data: { responseStatus: status, responseBody: body } });
  }

  /** Forgets a claim whose request failed in a way a retry may fix (5xx). */
  async release(userId: string, key: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { userId, key, responseStatus: null } });
  }

  async deleteExpired(now = new Date()): Promise<number> {
    return (await this.prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
