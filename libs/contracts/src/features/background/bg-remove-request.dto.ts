import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { WebhookUrlField } from '../../dto/webhook-url.field';
import { RESPONSE_FORMATS, ResponseFormatField } from '../match/match-request.dto';

/** What /bg-remove/apply hands back: the subject with alpha, the matte alone, or the subject over a new background. */
export const BG_REMOVE_OUTPUTS = ['cutout', 'mask', 'composite'] as const;
export type BgRemoveOutput = (typeof BG_REMOVE_OUTPUTS)[number];

/** Output encodings that keep alpha. */
export const BG_REMOVE_FORMATS = ['png', 'webp'] as const;
export type BgRemoveFormat = (typeof BG_REMOVE_FORMATS)[number];

/** `#rgb` or `#rrggbb` (the `#` optional). */
export const HEX_COLOR_PATTERN = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** The most padding crop_to_subject adds around the subject, in pixels. */
export const BG_REMOVE_MAX_PADDING = 1000;

/** A model name as manifests spell them (model-manifest.ts checks the same form). */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** POST /api/v1/bg-remove/apply */
export class BgRemoveRequestDto {
  @InlineImageField('Base64-encoded image (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @ApiPropertyOptional({
    enum: BG_REMOVE_OUTPUTS,
    default: 'cutout',
    description:
      '`cutout`: the image with the subject opaque and the background transparent (alpha = the matte); ' +
      '`mask`: the matte itself as a greyscale image (white = subject); ' +
      '`composite`: the subject over `background_color` or the `background_key` image (white when neither is given).',
  })
  @IsOptional()
  @IsIn(BG_REMOVE_OUTPUTS)
  output: BgRemoveOutput = 'cutout';

  @ApiPropertyOptional({ enum: BG_REMOVE_FORMATS, default: 'png', description: 'Output encoding; both keep alpha (WebP at quality 92, its alpha lossless).' })
  @IsOptional()
  @IsIn(BG_REMOVE_FORMATS)
  format: BgRemoveFormat = 'png';

  @ApiPropertyOptional({ example: '#ffffff', description: 'composite only: the colour behind the subject, `#rgb` or `#rrggbb`. Not with background_key.' })
  @IsOptional()
  @IsString()
  @Matches(HEX_COLOR_PATTERN, { message: 'background_color must be #rgb or #rrggbb' })
  background_color?: string;

  @ApiPropertyOptional({
    description:
      'composite only: storage key of an image to put behind the subject, scaled to cover the output and centre-cropped. Not with background_color.',
    example: 'u/3f0c…/images/7d1e…-beach.jpg',
  })
  @IsOptional()
  @IsString()
  background_key?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Refines the matte at full resolution with an edge-aware guided filter (the image\'s luminance as the guide): the model sees the image at its input size (1024²), so fine edges (hair, fur) are soft after upscaling; the filter snaps them to the image\'s edges.',
  })
  @IsOptional()
  @IsBoolean()
  refine_edges: boolean = false;

  @ApiPropertyOptional({ default: false, description: 'Crops the output to the subject\'s bounding box (alpha ≥ 50 %) plus `padding`.' })
  @IsOptional()
  @IsBoolean()
  crop_to_subject: boolean = false;

  @ApiPropertyOptional({ minimum: 0, maximum: BG_REMOVE_MAX_PADDING, default: 0, description: 'crop_to_subject only: pixels kept around the subject\'s box on each side (clamped to the image).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(BG_REMOVE_MAX_PADDING)
  padding: number = 0;

  @ApiPropertyOptional({ example: 'isnet', description: 'A background-removal model of the worker\'s manifests (built in: `isnet`); default: the first one. An unknown name is a 400 (refunded) listing the known ones.' })
  @IsOptional()
  @IsString()
  @Matches(MODEL_NAME_PATTERN, { message: 'model must be lower-case letters, digits, ".", "_" or "-"' })
  model?: string;

  @ResponseFormatField('`base64` adds the output inline as `image` (also when the input came as base64)')
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
