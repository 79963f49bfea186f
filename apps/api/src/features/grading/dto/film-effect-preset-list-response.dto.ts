import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../../common/page-response.dto';
import { getFilmEffectPreset } from '@gradekit/color';
import { snakeCaseKeys } from '@gradekit/contracts';

const EXAMPLE = getFilmEffectPreset('cinestill_800t_halation');

export class FilmEffectPresetItemDto {
  @ApiProperty({ example: 'cinestill_800t_halation', description: 'The value of `preset` in POST /film-effects/apply; never renamed.' })
  name!: string;

  @ApiProperty({ example: EXAMPLE?.displayName })
  display_name!: string;

  @ApiProperty({ example: EXAMPLE?.description })
  description!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: EXAMPLE ? snakeCaseKeys(EXAMPLE.effects) : {},
    description: 'The preset’s effects, every parameter filled in (the same shape as `effects` in POST /film-effects/apply).',
  })
  effects!: Record<string, Record<string, number>>;
}

export class FilmEffectPresetListResponseDto extends PageResponseDto {
  @ApiProperty({ type: [FilmEffectPresetItemDto], description: 'Film-effect presets in catalog order (stable; new presets are appended).' })
  items!: FilmEffectPresetItemDto[];

  @ApiProperty({ example: 10 })
  declare total: number;

  @ApiProperty({ example: 100, description: 'The page size used (catalog lists default to 100).' })
  declare limit: number;
}
