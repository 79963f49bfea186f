import { ApiProperty } from '@nestjs/swagger';

/**
 * The paging fields every list response shares (`?limit=&offset=`, PageQueryDto); each
 * list declares its own `items`. Swagger reads the decorated fields through the subclass.
 */
export abstract class PageResponseDto {
  @ApiProperty({ example: 1, description: 'Items matching the query, across all pages.' })
  total!: number;

  @ApiProperty({ example: 20, description: 'The page size used: the `limit` query parameter, or its default.' })
  limit!: number;

  @ApiProperty({ example: 0, description: 'Items skipped before this page: the `offset` query parameter.' })
  offset!: number;
}
