import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { PREFERENCE_DEFINITIONS, PREFERENCE_KEYS, type EffectivePreferences, type PreferenceDefinition } from './preference-definitions';

/**
 * PATCH /api/v1/preferences. Its properties are generated from PREFERENCE_DEFINITIONS, so the
 * documented keys are the accepted keys: each is whitelisted (`@Allow`) for the validation
 * pipe — which turns any other key into a 400 `unknown field "…"` — and its value is checked by
 * the definition's parser (parsePreferencesPatch), one detail per bad field. `null` resets a key.
 */
export class UpdatePreferencesDto {}

/** GET /api/v1/preferences (and PATCH's answer): every key with its effective value. */
export class PreferencesViewDto {
  @ApiProperty({ description: 'When the stored preferences last changed; null while none was ever set', nullable: true, type: String, format: 'date-time' })
  updated_at!: string | null;
}

for (const key of PREFERENCE_KEYS) {
  const definition: PreferenceDefinition<unknown> = PREFERENCE_DEFINITIONS[key];
  const { nullable, ...schema } = definition.schema;
  const documented = { ...schema, enum: schema.enum ? [...schema.enum] : undefined, description: definition.description, example: definition.example, default: definition.defaultValue };
  ApiPropertyOptional({ ...documented, nullable: true, description: `${definition.description} null resets it to the default.` })(UpdatePreferencesDto.prototype, key);
  Allow()(UpdatePreferencesDto.prototype, key);
  ApiProperty({ ...documented, nullable: nullable === true })(PreferencesViewDto.prototype, key);
}

/** The view's shape for code (the class above documents it). */
export type PreferencesView = EffectivePreferences & { updated_at: string | null };
