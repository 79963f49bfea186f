import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AiPromptField } from './ai-suggest-request.dto';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { RESPONSE_FORMATS } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

export const AI_MAX_MESSAGES = 50;
export const AI_MESSAGE_MAX_CHARS = 2000;
export const AI_MESSAGE_ROLES = ['user', 'assistant'] as const;

/** One turn of the conversation with the grading assistant. */
export class AiMessageDto {
  @ApiProperty({ enum: AI_MESSAGE_ROLES })
  @IsIn(AI_MESSAGE_ROLES)
  role!: (typeof AI_MESSAGE_ROLES)[number];

  @ApiProperty({ type: String, maxLength: AI_MESSAGE_MAX_CHARS })
  @IsString()
  @MaxLength(AI_MESSAGE_MAX_CHARS)
  content!: string;
}

/**
 * POST /api/v1/ai/refine — one of original_image/original_image_key (required),
 * optionally one of last_result_image/last_result_image_key, the current values,
 * the conversation and the follow-up prompt.
 */
export class AiRefineRequestDto {
  @AiPromptField(
    'The follow-up: a new instruction applied to `current_values` ("warmer", "less contrast", "like noir"), or "a bit more" / "more of that" / ' +
      '"stronger" / "less" (repeat the last user instruction in `messages`, scaled), "undo" / "go back" (replay the user prompts of `messages` ' +
      'except the last one, from neutral), "reset".',
  )
  prompt!: string;

  @InlineImageField('Original (ungraded) image: base64 or an http(s) URL (deprecated — prefer original_image_key). This is the image that gets graded.')
  original_image?: string;

  @ImageKeyField('Storage key of the original (ungraded) image (preferred). It is regraded from scratch with the new values, so errors never compound.')
  original_image_key?: string;

  @InlineImageField('Last result image, base64 or URL (deprecated — prefer last_result_image_key). Optional; checked, not graded.')
  last_result_image?: string;

  @ImageKeyField('Storage key of the last result image. Optional: it is checked (must be yours and exist) but not graded — the original is.')
  last_result_image_key?: string;

  @ApiProperty({
    type: Object,
    description:
      'The ColorGradeValues of the previous response (`result.values`), snake_case; missing controls are neutral. Validated like a custom ' +
      'preset: unknown fields, wrong types and out-of-range values are a 400 naming each field (`current_values.hsl.red.hue`).',
    example: { temperature: 20, contrast: 10, split_toning: { highlight_hue: 32, highlight_saturation: 30, shadow_hue: 190, shadow_saturation: 35 } },
  })
  @IsObject()
  current_values!: Record<string, unknown>;

  @ApiProperty({
    type: [AiMessageDto],
    maxItems: AI_MAX_MESSAGES,
    description: 'The conversation so far, oldest first (`result.messages` of the previous response): at most 50 turns of ≤ 2000 characters.',
  })
  @IsArray()
  @ArrayMaxSize(AI_MAX_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => AiMessageDto)
  messages!: AiMessageDto[];

  @ApiPropertyOptional({ enum: RESPONSE_FORMATS, description: '`base64` adds the output image inline as `image`; it is also added when an input came as base64. Default: url only.' })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
