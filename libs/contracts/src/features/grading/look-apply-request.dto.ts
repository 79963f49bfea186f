import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { EffectsConfigDto } from './effects-config.dto';
import { EffectsSeedField, ImageResponseFormatField, IntensityField } from './grading-fields';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import type { RESPONSE_FORMATS } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** POST /api/v1/looks/{look_name}/apply — exactly one of `image_key` or `image`. */
export class LookApplyRequestDto {
  @InlineImageField('Base64-encoded image or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @IntensityField('Overall strength, 0–1: scales both the colour grade and the effects (0 = unchanged).')
  intensity: number = 1;

  @IntensityField('Strength of the colour part, 0–1, multiplied by `intensity` (the look’s values are scaled toward neutral).')
  color_intensity: number = 1;

  @IntensityField('Strength of the effects, 0–1, multiplied by `intensity` (each effect’s amount / strength is scaled).')
  effects_intensity: number = 1;

  @ApiPropertyOptional({
    type: EffectsConfigDto,
    example: { grain: { amount: 10 }, vignette: { amount: 0 } },
    description:
      'Per-effect parameter overrides merged onto the look’s effects before the intensities scale them; an effect the look lacks is added ' +
      'with defaults for its other parameters, and a strength of 0 switches one off. Same fields as `effects` of /film-effects/apply.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EffectsConfigDto)
  effects_overrides?: EffectsConfigDto;

  @EffectsSeedField()
  seed?: number;

  @ImageResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
