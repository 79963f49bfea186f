import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { WebhookUrlField } from '../../dto/webhook-url.field';
import { RESPONSE_FORMATS, ResponseFormatField } from '../match/match-request.dto';

/** The seed when the caller gives none (the spec's default): the same seed gives the same bytes. */
export const STYLE_TRANSFER_DEFAULT_SEED = 42;

/** `style_model` naming the built-in graph explicitly, even where a manifest style model is configured. */
export const BUILTIN_STYLE_MODEL = 'builtin';

/** POST /api/v1/style-transfer/apply */
export class StyleTransferRequestDto {
  @InlineImageField('Base64-encoded content image (deprecated — prefer content_key)')
  content?: string;

  @ImageKeyField('R2 key from /storage/presign: the image whose structure is kept. Exactly one of this or `content`.')
  content_key?: string;

  @InlineImageField('Base64-encoded style image (deprecated — prefer style_key)')
  style?: string;

  @ImageKeyField('R2 key from /storage/presign: the image whose colour, local contrast and grain are taken. Exactly one of this or `style`.')
  style_key?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 4294967295, default: STYLE_TRANSFER_DEFAULT_SEED, description: 'Random seed for reproducibility (the grain pattern): the same seed gives byte-identical output' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4294967295)
  seed: number = STYLE_TRANSFER_DEFAULT_SEED;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 1,
    description: 'Extension (not in the ShotMatch spec): how far the output moves toward the style, 0 = the content unchanged, 1 = the full transfer (colour, band contrast and grain alike).',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  strength: number = 1;

  @ApiPropertyOptional({
    description:
      'Extension: a feed-forward style model of the worker\'s model manifest (task `style-transfer`) to run instead of the built-in method, or `builtin`. ' +
      'Left out: the first configured style model, else the built-in method. An unknown name is a 400 listing the known ones.',
    example: BUILTIN_STYLE_MODEL,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/)
  style_model?: string;

  @ResponseFormatField('`base64` adds the output inline as `image` (also when the inputs came as base64)')
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
