import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { RESPONSE_FORMATS, ResponseFormatField } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

const STEPS_DOC =
  'Ordered steps, 1–20, each `{ "type": …, … }`: `preset` { name, intensity }, `grade` { values (ColorGradeValues), intensity }, ' +
  '`white_balance` { method, intensity, neutral_x, neutral_y }, `lut` { lut_key (a .cube in your storage) }, `match` { reference_key, method, params }, ' +
  '`film_effects` { preset, effects, intensity, seed }, `look` { name, intensity, color_intensity, effects_intensity, effects_overrides }. ' +
  'Consecutive colour-only steps (everything but film_effects and a look\'s effects) are fused into one LUT pass.';

const STEPS_EXAMPLE = [
  { type: 'white_balance', method: 'auto' },
  { type: 'preset', name: 'teal_orange', intensity: 0.6 },
  { type: 'film_effects', preset: 'film_16mm', intensity: 0.5 },
];

/** POST /api/v1/actions */
export class CreateActionDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ description: STEPS_DOC, example: STEPS_EXAMPLE, type: 'array', items: { type: 'object' } })
  @IsArray()
  steps!: unknown[];
}

/** PUT /api/v1/actions/{id} — any of the fields. */
export class UpdateActionDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: STEPS_DOC, type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray()
  steps?: unknown[];
}

/** POST /api/v1/actions/apply — exactly one of action_id or steps. */
export class ApplyActionDto {
  @InlineImageField('Base64 image data (provide image or image_key, not both)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @ApiPropertyOptional({ description: 'ID of one of your saved actions (provide action_id or steps, not both)' })
  @IsOptional()
  @IsUUID()
  action_id?: string;

  @ApiPropertyOptional({ description: `Inline steps (alternative to action_id). ${STEPS_DOC}`, example: STEPS_EXAMPLE, type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray()
  steps?: unknown[];

  @ResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
