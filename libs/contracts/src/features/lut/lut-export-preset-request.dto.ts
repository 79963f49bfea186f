import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IntensityField } from '../grading/grading-fields';
import { LUT_RESPONSE_FORMATS } from './lut-export-match-request.dto';
import { DEFAULT_LUT_SIZE } from '@gradekit/color';
import { LutSizeField } from '../../dto/lut-size.field';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** POST /api/v1/lut/export/preset/{preset_name} — no image: the preset itself, baked. */
export class LutExportPresetRequestDto {
  @LutSizeField('LUT_3D_SIZE of the file; GET /api/v1/lut/sizes lists the recommended 17, 33 and 65')
  size: number = DEFAULT_LUT_SIZE;

  @IntensityField('Strength of the preset baked into the file, 0–1 (as for /presets/{preset_name}/apply).')
  intensity: number = 1;

  @ApiPropertyOptional({ enum: LUT_RESPONSE_FORMATS, default: 'file', description: '`file`: the .cube itself (text/plain attachment); `json`: the usual JSON with a download URL' })
  @IsOptional()
  @IsIn(LUT_RESPONSE_FORMATS)
  response_format: (typeof LUT_RESPONSE_FORMATS)[number] = 'file';

  @WebhookUrlField()
  webhook_url?: string;
}
