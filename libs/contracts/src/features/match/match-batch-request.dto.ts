import { ApiPropertyOptional } from '@nestjs/swagger';

import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { MatchParamsDto, RESPONSE_FORMATS, type MatchMethodName, MatchMethodField, MatchParamsField, ResponseFormatField } from './match-request.dto';
import { DEFAULT_MATCH_METHOD } from '@gradekit/color';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** Most targets one batch call takes (each is charged and refunded on its own). */
export const MAX_BATCH_TARGETS = 20;

/** POST /api/v1/match/batch — one reference, 1–20 targets (one of targets / target_keys). */
export class MatchBatchRequestDto {
  @InlineImageField('Reference image: base64 or an http(s) URL (deprecated — prefer reference_key)')
  reference?: string;

  @ImageKeyField('Storage key of the reference image (preferred)')
  reference_key?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_BATCH_TARGETS, deprecated: true, description: 'Base64 target images (deprecated — prefer target_keys)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_TARGETS)
  @IsString({ each: true })
  targets?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_BATCH_TARGETS, description: 'Storage keys of the target images (preferred)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_TARGETS)
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  target_keys?: string[];

  @MatchMethodField()
  method: MatchMethodName = DEFAULT_MATCH_METHOD;

  @MatchParamsField()
  params?: MatchParamsDto;

  @ResponseFormatField('`base64` adds each output inline as `image` on its item')
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
