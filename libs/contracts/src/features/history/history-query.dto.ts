import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../dto/page-query.dto';
import { OPERATION_NAMES, type OperationName } from '../../operations/operation-catalog';

/** The most entries one filmstrip answers (and its default). */
export const MAX_FILMSTRIP_LIMIT = 100;
export const DEFAULT_FILMSTRIP_LIMIT = 20;

/**
 * GET /api/v1/history: a page of entries, newest first, optionally one operation's and
 * within a time range. `from` and `to` are inclusive ISO-8601 instants (a date alone is
 * its midnight UTC); `from` after `to` is a 400 on `to` (checked by the route, which sees both).
 */
export class HistoryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only entries of this operation (a catalog name, e.g. `white_balance_apply`).', enum: OPERATION_NAMES, example: 'preset_apply' })
  @IsOptional()
  @IsIn(OPERATION_NAMES, { message: 'op must be an operation name (see GET /api/v1/options)' })
  op?: OperationName;

  @ApiPropertyOptional({ description: 'Only entries created at or after this instant (ISO-8601).', format: 'date-time', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Only entries created at or before this instant (ISO-8601); not before `from`.', format: 'date-time', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or date-time' })
  to?: string;
}

/** GET /api/v1/history/filmstrip: how many of the most recent thumbnails. */
export class HistoryFilmstripQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FILMSTRIP_LIMIT, default: DEFAULT_FILMSTRIP_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_FILMSTRIP_LIMIT)
  limit: number = DEFAULT_FILMSTRIP_LIMIT;
}
