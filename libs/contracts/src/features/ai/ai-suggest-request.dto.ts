import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { RESPONSE_FORMATS } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

export const AI_PROMPT_MAX_CHARS = 500;

/** The prompt of /ai/suggest and /ai/refine: 1–500 characters of colourists' words. */
export function AiPromptField(description: string) {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: AI_PROMPT_MAX_CHARS, description, example: 'warmer, teal and orange, crush the blacks a bit' }),
    IsString(),
    MinLength(1),
    MaxLength(AI_PROMPT_MAX_CHARS),
  );
}

/** POST /api/v1/ai/suggest — one of image/image_key, and a prompt. */
export class AiSuggestRequestDto {
  @InlineImageField('Image to grade: base64 or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField('Storage key of the image to grade (preferred)')
  image_key?: string;

  @AiPromptField(
    'What to do, in colourists\' words: "warmer", "a bit cooler", "teal and orange", "crush the blacks", "film look", "less saturated skin", ' +
      '"like kodachrome", "auto", "fix exposure", "neutral white balance", … (modifiers: "slightly", "a bit", "much", "less", "not so", "too"). ' +
      'A prompt with nothing the assistant understands is refused with 422 before anything is charged.',
  )
  prompt!: string;

  @ApiPropertyOptional({ enum: RESPONSE_FORMATS, description: '`base64` adds the output image inline as `image`; it is also added when the input came as base64. Default: url only.' })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
