import { ApiPropertyOptional } from '@nestjs/swagger';

import { IsIn, IsOptional } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { MatchParamsDto, type MatchMethodName, MatchMethodField, MatchParamsField } from '../match/match-request.dto';
import { DEFAULT_LUT_SIZE } from '@gradekit/color';
import { LutSizeField } from '../../dto/lut-size.field';
import { DEFAULT_MATCH_METHOD } from '@gradekit/color';
import { WebhookUrlField } from '../../dto/webhook-url.field';

export const LUT_RESPONSE_FORMATS = ['file', 'json'] as const;

/** POST /api/v1/lut/export/match — the LUT of a match, as a .cube file. */
export class LutExportMatchRequestDto {
  @InlineImageField('Reference image: base64 or an http(s) URL (deprecated — prefer reference_key)')
  reference?: string;

  @ImageKeyField('Storage key of the reference image (preferred)')
  reference_key?: string;

  @InlineImageField('Target image: base64 or an http(s) URL (deprecated — prefer target_key)')
  target?: string;

  @ImageKeyField('Storage key of the target image (preferred)')
  target_key?: string;

  @MatchMethodField()
  method: MatchMethodName = DEFAULT_MATCH_METHOD;

  @MatchParamsField('As for /match; the LUT size is `size` (params.lut_size is ignored here)')
  params?: MatchParamsDto;

  @LutSizeField('LUT_3D_SIZE of the file; GET /api/v1/lut/sizes lists the recommended 17, 33 and 65')
  size: number = DEFAULT_LUT_SIZE;

  @ApiPropertyOptional({ enum: LUT_RESPONSE_FORMATS, default: 'file', description: '`file`: the .cube itself (text/plain attachment); `json`: the usual JSON with a download URL' })
  @IsOptional()
  @IsIn(LUT_RESPONSE_FORMATS)
  response_format: (typeof LUT_RESPONSE_FORMATS)[number] = 'file';

  @WebhookUrlField()
  webhook_url?: string;
}
