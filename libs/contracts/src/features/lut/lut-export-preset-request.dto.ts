import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntensityField } from '../grading/grading-fields';
import { LUT_RESPONSE_FORMATS } from './lut-export-match-request.dto';

/** POST /api/v1/lut/export/preset/{preset_name} — no image: the preset itself, baked. */
export class LutExportPresetRequestDto {
  @ApiPropertyOptional({ default: 33, minimum: 2, maximum: 129, description: 'LUT_3D_SIZE of the file; GET /api/v1/lut/sizes lists the recommended 17, 33 and 65' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(129)
  size: number = 33;

  @IntensityField('Strength of the preset baked into the file, 0–1 (as for /presets/{preset_name}/apply).')
  intensity: number = 1;

  @ApiPropertyOptional({ enum: LUT_RESPONSE_FORMATS, default: 'file', description: '`file`: the .cube itself (text/plain attachment); `json`: the usual JSON with a download URL' })
  @IsOptional()
  @IsIn(LUT_RESPONSE_FORMATS)
  response_format: (typeof LUT_RESPONSE_FORMATS)[number] = 'file';
}
