import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { SettingsRepository } from '@gradekit/db';
import { API_CONFIG } from '../config/api-config.provider';
import { SETTING_DEFINITIONS, isSettingKey, type SettingKey, type SettingValue } from './setting-definitions';

/**
 * Runtime settings: a stored row overrides the default from config. Values are read
 * from Postgres on each use (no cache), so a change applies to the very next request
 * on every api replica.
 */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    const stored = await this.repository.get(key);
    const parsed = stored === undefined ? null : SETTING_DEFINITIONS[key].parse(stored);
    // A stored value that no longer parses (a definition changed) falls back to the default.
    return (parsed?.ok ? parsed.value : SETTING_DEFINITIONS[key].defaultValue(this.config)) as SettingValue<K>;
  }

  /** Every known setting with its effective value, keys in alphabetical order. */
  async all(): Promise<Record<string, unknown>> {
    const stored = await this.repository.all();
    const keys = (Object.keys(SETTING_DEFINITIONS) as SettingKey[]).sort();
    return Object.fromEntries(
      keys.map((key) => {
        const parsed = key in stored ? SETTING_DEFINITIONS[key].parse(stored[key]) : null;
        return [key, parsed?.ok ? parsed.value : SETTING_DEFINITIONS[key].defaultValue(this.config)];
      }),
    );
  }

  async set(key: string, value: unknown): Promise<{ key: SettingKey; value: unknown }> {
    if (!isSettingKey(key)) {
      throw DomainError.validation(`Unknown setting "${key}"`, [{ field: 'key', message: `known settings: ${Object.keys(SETTING_DEFINITIONS).sort().join(', ')}` }]);
    }
    const parsed = SETTING_DEFINITIONS[key].parse(value);
    if (!parsed.ok) throw DomainError.validation(`Invalid value for setting "${key}"`, [{ field: 'value', message: parsed.message }]);
    await this.repository.set(key, parsed.value as Prisma.InputJsonValue);
    return { key, value: parsed.value };
  }
}
