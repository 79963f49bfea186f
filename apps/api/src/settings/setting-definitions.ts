import type { ApiConfig } from '@gradekit/config';

/** One runtime setting: its default (from config), a description for the docs, and its validation. */
export interface SettingDefinition<T> {
  description: string;
  example: T;
  defaultValue(config: ApiConfig): T;
  /** The value to store, or an error message for a value this setting cannot take. */
  parse(value: unknown): { ok: true; value: T } | { ok: false; message: string };
}

const booleanSetting = (description: string, defaultValue: (config: ApiConfig) => boolean): SettingDefinition<boolean> => ({
  description,
  example: true,
  defaultValue,
  parse: (value) => (typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: 'must be a JSON boolean (true or false)' }),
});

/**
 * Every setting an admin may change at run time. Keys are snake_case like the rest
 * of the API; a key not listed here is rejected (400), so typos never become rows.
 * Add a setting by adding an entry (and reading it through SettingsService).
 */
export const SETTING_DEFINITIONS = {
  open_signup: booleanSetting(
    'When true, anyone may register (POST /api/auth/register) as a `user` on the `free` plan in the default team. When false, only an admin may create users. Defaults to the OPEN_SIGNUP variable.',
    (config) => config.openSignup,
  ),
} satisfies Record<string, SettingDefinition<unknown>>;

export type SettingKey = keyof typeof SETTING_DEFINITIONS;
export type SettingValue<K extends SettingKey> = ReturnType<(typeof SETTING_DEFINITIONS)[K]['defaultValue']>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_DEFINITIONS, key);
}
