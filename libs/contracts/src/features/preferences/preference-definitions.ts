import { DEFAULT_LUT_SIZE, DEFAULT_MATCH_METHOD, LUT_SIZES, MATCH_METHODS, MAX_LUT_SIZE, MIN_LUT_SIZE, type MatchMethod } from '@gradekit/color';
import { MAX_WEBHOOK_URL_LENGTH } from '../../dto/webhook-url.field';
import { DEFAULT_JPEG_QUALITY, IMAGE_OUTPUT_FORMATS, MAX_JPEG_QUALITY, MIN_JPEG_QUALITY, type ImageOutputFormat } from './image-output';

/** One preference: its built-in default, how the docs show it, and its validation. */
export interface PreferenceDefinition<T> {
  description: string;
  /** The OpenAPI schema of the value (besides `null`, which resets it). */
  schema: { type: 'boolean' | 'string' | 'integer'; enum?: readonly (string | number)[]; minimum?: number; maximum?: number; maxLength?: number; nullable?: boolean };
  example: T;
  defaultValue: T;
  /** The value to store, or what is wrong with it. */
  parse(value: unknown): { ok: true; value: T } | { ok: false; message: string };
}

const fail = (message: string) => ({ ok: false as const, message });

function oneOf<T extends string>(values: readonly T[], defaultValue: T, description: string): PreferenceDefinition<T> {
  return {
    description,
    schema: { type: 'string', enum: values },
    example: defaultValue,
    defaultValue,
    parse: (value) => (typeof value === 'string' && (values as readonly string[]).includes(value) ? { ok: true, value: value as T } : fail(`must be one of ${values.join(', ')}`)),
  };
}

function integerIn(minimum: number, maximum: number, defaultValue: number, description: string): PreferenceDefinition<number> {
  return {
    description,
    schema: { type: 'integer', minimum, maximum },
    example: defaultValue,
    defaultValue,
    parse: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= minimum && value <= maximum ? { ok: true, value } : fail(`must be an integer from ${minimum} to ${maximum}`)),
  };
}

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** `auto`: the output follows the input's format (GIF becomes PNG) — the behaviour without a preference. */
export const OUTPUT_FORMAT_PREFERENCES = ['auto', ...IMAGE_OUTPUT_FORMATS] as const;
export type OutputFormatPreference = 'auto' | ImageOutputFormat;

/**
 * Every preference a user may set (GET/PATCH /api/v1/preferences), with its built-in default.
 * Keys are snake_case like the rest of the API; a key not listed here is a 400. The match
 * method and LUT size defaults are the colour engine's, the JPEG quality the encoder's.
 * Which operations honour which key is PREFERRED_REQUEST_FIELDS (api) and the worker's
 * ImageOutputService; docs/library.md lists them.
 */
export const PREFERENCE_DEFINITIONS = {
  auto_apply_on_drag: {
    description: 'For clients: apply the current grade as soon as an image is dropped. The API only stores it.',
    schema: { type: 'boolean' },
    example: true,
    defaultValue: false,
    parse: (value: unknown) => (typeof value === 'boolean' ? { ok: true as const, value } : fail('must be a JSON boolean (true or false)')),
  } satisfies PreferenceDefinition<boolean>,
  theme: oneOf<Theme>(THEMES, 'system', 'For clients: `system` follows the device, `light` or `dark` force one. The API only stores it.'),
  default_method: oneOf<MatchMethod>(MATCH_METHODS, DEFAULT_MATCH_METHOD, 'The match method used when a request leaves `method` out (/match, /match/batch, /lut/export/match).'),
  lut_size: integerIn(
    MIN_LUT_SIZE,
    MAX_LUT_SIZE,
    DEFAULT_LUT_SIZE,
    `The LUT size used when a LUT export leaves \`size\` out (/lut/export/match, /lut/export/before-after, /lut/export/preset/{name}); ${LUT_SIZES.join(', ')} are the listed sizes.`,
  ),
  output_format: oneOf<OutputFormatPreference>(
    OUTPUT_FORMAT_PREFERENCES,
    'auto',
    'The format graded images are written in: `auto` follows the input (GIF becomes PNG); 16-bit depth survives only png and tiff, alpha not jpeg. Not used by /bg-remove/apply (its own `format`) nor the video test frame (PNG).',
  ),
  jpeg_quality: integerIn(MIN_JPEG_QUALITY, MAX_JPEG_QUALITY, DEFAULT_JPEG_QUALITY, 'The quality of graded JPEG outputs (whether the input was a JPEG or output_format is jpeg).'),
  webhook_url: {
    description:
      'The account default webhook URL — the same value as GET/PATCH /api/v1/account/webhook `url`: tasks that name no webhook_url of their own notify it. It passes the SSRF guard (400 otherwise); setting it re-enables a URL disabled by a 410.',
    schema: { type: 'string', maxLength: MAX_WEBHOOK_URL_LENGTH, nullable: true },
    example: 'https://example.com/hooks/gradekit',
    defaultValue: null,
    parse: (value: unknown) =>
      typeof value === 'string' && value.length > 0 && value.length <= MAX_WEBHOOK_URL_LENGTH ? { ok: true as const, value } : fail(`must be an http(s) URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters`),
  } satisfies PreferenceDefinition<string | null>,
} satisfies Record<string, PreferenceDefinition<unknown>>;

export type PreferenceKey = keyof typeof PREFERENCE_DEFINITIONS;
export const PREFERENCE_KEYS = Object.keys(PREFERENCE_DEFINITIONS) as PreferenceKey[];

type Definition<K extends PreferenceKey> = (typeof PREFERENCE_DEFINITIONS)[K];
/** What a key holds: a value its parser accepts, or its default. */
export type PreferenceValue<K extends PreferenceKey> = Extract<ReturnType<Definition<K>['parse']>, { ok: true }>['value'] | Definition<K>['defaultValue'];

/** Every preference with its effective value (what GET /preferences answers, besides `updated_at`). */
export type EffectivePreferences = { [K in PreferenceKey]: PreferenceValue<K> };

/** A PATCH body's meaning: values to store, and keys sent as null (back to their default). */
export interface PreferencesPatch {
  set: Partial<EffectivePreferences>;
  reset: PreferenceKey[];
}

export function isPreferenceKey(key: string): key is PreferenceKey {
  return Object.prototype.hasOwnProperty.call(PREFERENCE_DEFINITIONS, key);
}

/** The built-in defaults, before any user set anything. */
export function defaultPreferences(): EffectivePreferences {
  return Object.fromEntries(PREFERENCE_KEYS.map((key) => [key, PREFERENCE_DEFINITIONS[key].defaultValue])) as unknown as EffectivePreferences;
}

/**
 * Stored values over the defaults. A stored value that no longer parses (a key whose range
 * narrowed since) falls back to the default instead of reaching an operation.
 */
export function effectivePreferences(stored: Record<string, unknown>): EffectivePreferences {
  const effective: Record<string, unknown> = { ...defaultPreferences() };
  for (const key of PREFERENCE_KEYS) {
    if (!(key in stored)) continue;
    const parsed = PREFERENCE_DEFINITIONS[key].parse(stored[key]);
    if (parsed.ok) effective[key] = parsed.value;
  }
  return effective as unknown as EffectivePreferences;
}

/**
 * Checks a PATCH body: every unknown key and every bad value is one detail naming its field,
 * so one 400 lists them all; null resets a key.
 */
export function parsePreferencesPatch(body: Record<string, unknown>): { ok: true; patch: PreferencesPatch } | { ok: false; details: { field: string; message: string }[] } {
  const details: { field: string; message: string }[] = [];
  const set: Record<string, unknown> = {};
  const reset: PreferenceKey[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (!isPreferenceKey(key)) {
      details.push({ field: key, message: `unknown field "${key}"` });
      continue;
    }
    if (value === null) {
      reset.push(key);
      continue;
    }
    const parsed = PREFERENCE_DEFINITIONS[key].parse(value);
    if (parsed.ok) set[key] = parsed.value;
    else details.push({ field: key, message: `${key} ${parsed.message}` });
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, patch: { set: set as Partial<EffectivePreferences>, reset } };
}
