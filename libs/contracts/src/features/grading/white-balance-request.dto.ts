import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { RESPONSE_FORMATS, ResponseFormatField } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

export const WHITE_BALANCE_METHOD_NAMES = ['auto', 'gray_world', 'white_patch', 'neutral_point'] as const;
export type WhiteBalanceMethodName = (typeof WHITE_BALANCE_METHOD_NAMES)[number];

/** POST /api/v1/white-balance/apply */
export class WhiteBalanceRequestDto {
  @InlineImageField('Base64-encoded image (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @ApiPropertyOptional({
    enum: WHITE_BALANCE_METHOD_NAMES,
    default: 'auto',
    description:
      '`auto`: a robust neutral estimate (bright near-neutral pixels, weighted; does not mistake a scene dominated by one colour for a cast); ' +
      '`gray_world`: the average colour is grey; `white_patch`: a high percentile of unclipped pixels is white; ' +
      '`neutral_point`: the colour around (neutral_x, neutral_y) is neutral. The correction is a chromatic adaptation (CAT16) in linear light.',
  })
  @IsOptional()
  @IsIn(WHITE_BALANCE_METHOD_NAMES)
  method: WhiteBalanceMethodName = 'auto';

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 1, description: 'Correction intensity (0 = none, 1 = full)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  intensity: number = 1;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'neutral_point only (required there): horizontal position of a neutral surface, 0 = left, 1 = right. Ignored by the other methods.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  neutral_x?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'neutral_point only (required there): vertical position, 0 = top, 1 = bottom. Ignored by the other methods.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  neutral_y?: number;

  @ResponseFormatField('`base64` adds the output inline as `image` (also when the input came as base64)')
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
