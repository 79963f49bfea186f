import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EffectsConfigDto } from './effects-config.dto';
import { EffectsSeedField, ImageResponseFormatField, IntensityField } from './grading-fields';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import type { RESPONSE_FORMATS } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/**
 * POST /api/v1/film-effects/apply — exactly one of `image_key` or `image`, and at
 * least one of `preset` or `effects` (both: the preset, then `effects` overriding it
 * parameter by parameter).
 */
export class FilmEffectsApplyRequestDto {
  @InlineImageField('Base64-encoded image or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @ApiPropertyOptional({ type: String, example: 'film_16mm', description: 'A film-effect preset name from GET /api/v1/film-effects/presets (404 when unknown).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  preset?: string;

  @ApiPropertyOptional({
    type: EffectsConfigDto,
    example: { grain: { amount: 30, size: 40 }, vignette: { amount: 25 } },
    description:
      'Granular effects, any subset of grain, halation, bloom, vignette, chromatic_aberration and fade, each any subset of its parameters ' +
      '(missing parameters take their defaults). With `preset`: merged onto the preset parameter by parameter (an effect the preset lacks is added).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EffectsConfigDto)
  effects?: EffectsConfigDto;

  @IntensityField('Scales every effect’s strength (amount / strength), 0–1; sizes, thresholds and shapes are kept. 0 = unchanged.')
  intensity: number = 1;

  @EffectsSeedField()
  seed?: number;

  @ImageResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
