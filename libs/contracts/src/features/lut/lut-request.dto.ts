import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { LUT_RESPONSE_FORMATS } from './lut-export-match-request.dto';
import { RESPONSE_FORMATS, ResponseFormatField } from '../match/match-request.dto';
import { DEFAULT_LUT_SIZE } from '@gradekit/color';
import { LutSizeField } from '../../dto/lut-size.field';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** POST /api/v1/lut/export/before-after — fit a LUT from an image and its edited version. */
export class LutExportBeforeAfterRequestDto {
  @InlineImageField('The unedited image: base64 or an http(s) URL (deprecated — prefer before_key)')
  before?: string;

  @ImageKeyField('Storage key of the unedited image (preferred)')
  before_key?: string;

  @InlineImageField('The same frame after editing (any size; same aspect ratio): base64 or URL (deprecated — prefer after_key)')
  after?: string;

  @ImageKeyField('Storage key of the edited image (preferred)')
  after_key?: string;

  @LutSizeField('LUT_3D_SIZE of the file (GET /api/v1/lut/sizes)')
  size: number = DEFAULT_LUT_SIZE;

  @ApiPropertyOptional({ enum: LUT_RESPONSE_FORMATS, default: 'file', description: '`file`: the .cube itself; `json`: JSON with a download URL' })
  @IsOptional()
  @IsIn(LUT_RESPONSE_FORMATS)
  response_format: (typeof LUT_RESPONSE_FORMATS)[number] = 'file';

  @WebhookUrlField()
  webhook_url?: string;
}

/**
 * POST /api/v1/lut/apply — apply a LUT to an image: either one fitted from a
 * before/after pair (both), or an uploaded .cube (`lut_key`).
 */
export class LutApplyRequestDto {
  @InlineImageField('The image to grade: base64 or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField('Storage key of the image to grade (preferred)')
  image_key?: string;

  @InlineImageField('Example pair, unedited frame (deprecated inline form — prefer before_key)')
  before?: string;

  @ImageKeyField('Example pair: storage key of the unedited frame')
  before_key?: string;

  @InlineImageField('Example pair, edited frame (deprecated inline form — prefer after_key)')
  after?: string;

  @ImageKeyField('Example pair: storage key of the edited frame')
  after_key?: string;

  @ImageKeyField('Instead of a pair: storage key of a .cube file you uploaded (e.g. from /lut/export/*)')
  lut_key?: string;

  @LutSizeField('Size of the LUT fitted from the pair (ignored with lut_key)')
  size: number = DEFAULT_LUT_SIZE;

  @ResponseFormatField('`base64` adds the output inline as `image` (also when an input came as base64)')
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
