import { ApiPropertyOptional } from '@nestjs/swagger';

import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { MatchParamsDto, RESPONSE_FORMATS, type MatchMethodName, MatchMethodField, MatchParamsField, ResponseFormatField } from './match-request.dto';
import { DEFAULT_MATCH_METHOD } from '@gradekit/color';
import { WebhookUrlField } from '../../dto/webhook-url.field';

export const MULTI_BLEND_MODES = ['uniform', 'weighted', 'gradient', 'intensity'] as const;
export type MultiBlendMode = (typeof MULTI_BLEND_MODES)[number];

/** POST /api/v1/match/multi — 2–4 references (one of references / reference_keys) and one target. */
export class MatchMultiRequestDto {
  @ApiPropertyOptional({ type: [String], minItems: 2, maxItems: 4, deprecated: true, description: '2–4 base64 or URL reference images (deprecated — prefer reference_keys)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  references?: string[];

  @ApiPropertyOptional({ type: [String], minItems: 2, maxItems: 4, description: '2–4 storage keys of the reference images (preferred)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  reference_keys?: string[];

  @InlineImageField('Target image: base64 or an http(s) URL (deprecated — prefer target_key)')
  target?: string;

  @ImageKeyField('Storage key of the target image (preferred)')
  target_key?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Per-reference weights (≥ 0, not all 0); must have as many entries as there are references. Required for `weighted`; for `gradient` they size the bands.' })
  @IsOptional()
  @IsArray()
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  weights?: number[];

  @MatchMethodField()
  method: MatchMethodName = DEFAULT_MATCH_METHOD;

  @ApiPropertyOptional({
    enum: MULTI_BLEND_MODES,
    default: 'uniform',
    description:
      '`uniform`: match to the references pooled, each counted equally; `weighted`: pooled by `weights`; `gradient`: each reference rules a band ' +
      'across the frame (left → right, or `angle`), blended over `transition_width`; `intensity`: references rule tonal ranges (darkest reference → shadows, brightest → highlights).',
  })
  @IsOptional()
  @IsIn(MULTI_BLEND_MODES)
  blend_mode: MultiBlendMode = 'uniform';

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.2, description: 'gradient: width of each transition as a fraction of the frame' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  transition_width: number = 0.2;

  @ApiPropertyOptional({ minimum: 0, maximum: 360, default: 0, description: 'gradient: direction in degrees, 0 = left → right, 90 = top → bottom' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(360)
  angle: number = 0;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, description: 'Overall strength of the multi-reference match (multiplies params.strength)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  intensity: number = 0.5;

  @MatchParamsField()
  params?: MatchParamsDto;

  @ResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
