import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../dto/page-query.dto';
import { LOOK_CATEGORIES, PRESET_CATEGORIES } from '@gradekit/color';

/**
 * `?limit=&offset=` for the built-in catalogs (presets, film-effect presets, looks).
 * Unlike user lists the default limit is the maximum, 100: a catalog is small and a
 * client listing it wants all of it in one call.
 */
export class CatalogPageQueryDto extends PageQueryDto {
  // Same validation as every list (inherited); only the default differs.
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  override limit: number = 100;
}

/** GET /api/v1/presets query: paging and an optional category. */
export class PresetListQueryDto extends CatalogPageQueryDto {
  @ApiPropertyOptional({ enum: PRESET_CATEGORIES, description: 'Only presets of this category' })
  @IsOptional()
  @IsIn(PRESET_CATEGORIES)
  category?: (typeof PRESET_CATEGORIES)[number];
}

/** GET /api/v1/looks query: paging and an optional category. */
export class LookListQueryDto extends CatalogPageQueryDto {
  @ApiPropertyOptional({ enum: LOOK_CATEGORIES, description: 'Only looks of this category' })
  @IsOptional()
  @IsIn(LOOK_CATEGORIES)
  category?: (typeof LOOK_CATEGORIES)[number];
}
