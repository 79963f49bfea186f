import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../../common/page-response.dto';
import { LOOK_CATEGORIES, getLook } from '@gradekit/color';
import { snakeCaseKeys } from '@gradekit/contracts';

const EXAMPLE = getLook('blade_runner');

export class LookItemDto {
  @ApiProperty({ example: 'blade_runner', description: 'The identifier for /looks/{look_name}/apply; never renamed.' })
  name!: string;

  @ApiProperty({ example: EXAMPLE?.displayName })
  display_name!: string;

  @ApiProperty({ example: EXAMPLE?.description })
  description!: string;

  @ApiProperty({ enum: LOOK_CATEGORIES, example: EXAMPLE?.category })
  category!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: EXAMPLE ? snakeCaseKeys(EXAMPLE.color) : {},
    description: 'The colour part: complete ColorGradeValues (as `values` in GET /presets), baked into a LUT and applied first.',
  })
  color!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: EXAMPLE ? snakeCaseKeys(EXAMPLE.effects) : {},
    description: 'The spatial effects applied after the colour, every parameter filled in; `effects_overrides` of the apply call changes them.',
  })
  effects!: Record<string, Record<string, number>>;
}

export class LookListResponseDto extends PageResponseDto {
  @ApiProperty({ type: [LookItemDto], description: 'Looks in catalog order (stable; new looks are appended).' })
  items!: LookItemDto[];

  @ApiProperty({ example: 24, description: 'Looks matching the query (all of them without `category`).' })
  declare total: number;

  @ApiProperty({ example: 100, description: 'The page size used (catalog lists default to 100).' })
  declare limit: number;
}
