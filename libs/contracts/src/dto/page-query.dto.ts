import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?limit=&offset=` for every list: limit 1–100 (default 20), offset ≥ 0. */
/** The largest `offset` a list accepts. */
export const MAX_PAGE_OFFSET = 2_147_483_647;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  // Prisma's `skip` is a 32-bit Int: a larger offset (1e20 is still an integer) was a 500.
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PAGE_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_OFFSET)
  offset: number = 0;
}

/** The shape of every list response. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
