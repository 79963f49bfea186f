import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ImageKeyField, InlineImageField } from './image-input.fields';
import { MATCH_METHOD_NAMES, MatchParamsDto, RESPONSE_FORMATS, type MatchMethodName } from './match-request.dto';

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

  @ApiPropertyOptional({ enum: MATCH_METHOD_NAMES, default: 'natural' })
  @IsOptional()
  @IsIn(MATCH_METHOD_NAMES)
  method: MatchMethodName = 'natural';

  @ApiPropertyOptional({ type: MatchParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchParamsDto)
  params?: MatchParamsDto;

  @ApiPropertyOptional({ enum: RESPONSE_FORMATS, description: '`base64` adds each output inline as `image` on its item' })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  response_format?: (typeof RESPONSE_FORMATS)[number];
}
