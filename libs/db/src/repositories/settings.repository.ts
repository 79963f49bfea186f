import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma.service';

/** The settings row holding this database's identity (SettingsRepository.deploymentId). */
export const DEPLOYMENT_ID_KEY = 'deployment_id';

@Injectable()
export class SettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get<T extends Prisma.JsonValue>(key: string): Promise<T | undefined> {
    const row = await this.prisma.setting.findUnique({ where: { key } });
    return row ? (row.value as T) : undefined;
  }

  async all(): Promise<Record<string, Prisma.JsonValue>> {
    const rows = await this.prisma.setting.findMany({ orderBy: { key: 'asc' } });
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  /**
   * This database's identity: a UUID written once (INSERT … ON CONFLICT DO NOTHING, so
   * concurrent first starts agree) and never changed. It names the database in the
   * queue prefix's deployment marker — not the URL, which carries a password. Not a
   * runtime setting: the settings API lists and writes only known keys. A copy of the
   * database (a restored backup) carries it: delete the row in the copy.
   */
  async deploymentId(): Promise<string> {
    await this.prisma.setting.createMany({ data: [{ key: DEPLOYMENT_ID_KEY, value: randomUUID() }], skipDuplicates: true });
    const row = await this.prisma.setting.findUniqueOrThrow({ where: { key: DEPLOYMENT_ID_KEY } });
    return String(row.value);
  }

  async set(key: string, value: Prisma.InputJsonValue): Promise<void> {
    await this.prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
