import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma.service';

/** What a user stored: only the keys they set (the api fills in the defaults). */
export interface StoredPreferences {
  values: Record<string, unknown>;
  updatedAt: Date;
}

interface PreferencesRow {
  values: Prisma.JsonValue;
  updated_at: Date;
}

function toStored(row: PreferencesRow): StoredPreferences {
  const values = row.values !== null && typeof row.values === 'object' && !Array.isArray(row.values) ? (row.values as Record<string, unknown>) : {};
  return { values, updatedAt: row.updated_at };
}

/**
 * A user's preferences (one row per user, deleted with the user). The repository knows no
 * keys: the api validates them against PREFERENCE_DEFINITIONS before they get here.
 */
@Injectable()
export class PreferencesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(userId: string): Promise<StoredPreferences | null> {
    const row = await this.prisma.userPreferences.findUnique({ where: { userId } });
    return row ? toStored({ values: row.values, updated_at: row.updatedAt }) : null;
  }

  /**
   * Merges `set` into the stored values and removes the `reset` keys, in one statement
   * (jsonb `||` then `-`), so two concurrent PATCHes of different keys both survive — a
   * read-modify-write in the api would lose one of them.
   */
  async merge(userId: string, set: Record<string, unknown>, reset: readonly string[], now = new Date()): Promise<StoredPreferences> {
    const setJson = JSON.stringify(set);
    const rows = await this.prisma.$queryRaw<PreferencesRow[]>`
      INSERT INTO user_preferences (user_id, values, updated_at)
      VALUES (${userId}::uuid, ${setJson}::jsonb - ${[...reset]}::text[], ${now})
      ON CONFLICT (user_id) DO UPDATE
        SET values = (user_preferences.values || ${setJson}::jsonb) - ${[...reset]}::text[], updated_at = ${now}
      RETURNING values, updated_at`;
    return toStored(rows[0] as PreferencesRow);
  }
}
