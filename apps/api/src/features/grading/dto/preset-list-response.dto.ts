import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../../common/page-response.dto';
import { PRESET_CATEGORIES, getPreset } from '@gradekit/color';
import { snakeCaseKeys } from '@gradekit/contracts';

const EXAMPLE = getPreset('cinematic_warm');

export class PresetItemDto {
  @ApiProperty({ example: 'cinematic_warm', description: 'The identifier for /presets/{preset_name}/apply and /lut/export/preset/{preset_name}; never renamed.' })
  name!: string;

  @ApiProperty({ example: 'Cinematic Warm' })
  display_name!: string;

  @ApiProperty({ example: EXAMPLE?.description })
  description!: string;

  @ApiProperty({ enum: PRESET_CATEGORIES, example: 'cinematic' })
  category!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: EXAMPLE ? snakeCaseKeys(EXAMPLE.values) : {},
    description:
      'The preset’s complete ColorGradeValues (PresetParams), every control included, neutral ones too: exposure (EV), temperature and tint, ' +
      'contrast, highlights, shadows, whites, blacks, vibrance, saturation, hsl.{band}.{hue,saturation,luminance}, tone_curve.{master,red,green,blue} ' +
      '([x, y] points), lift_gamma_gain, split_toning and fade. A UI can show them as slider positions or start a custom preset from them.',
  })
  values!: Record<string, unknown>;
}

export class PresetListResponseDto extends PageResponseDto {
  @ApiProperty({ type: [PresetItemDto], description: 'Built-in presets in catalog order (stable; new presets are appended).' })
  items!: PresetItemDto[];

  @ApiProperty({ example: 30, description: 'Presets matching the query (all of them without `category`).' })
  declare total: number;

  @ApiProperty({ example: 100, description: 'The page size used (catalog lists default to 100).' })
  declare limit: number;
}
