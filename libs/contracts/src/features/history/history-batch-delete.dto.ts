import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** The most ids one POST /history/batch-delete takes. */
export const MAX_HISTORY_BATCH_DELETE = 100;

/** POST /api/v1/history/batch-delete: all or nothing — one unknown id deletes none (404 listing them). */
export class HistoryBatchDeleteDto {
  @ApiProperty({
    description: `History entry ids (UUIDs) to delete, 1–${MAX_HISTORY_BATCH_DELETE}; a repeated id counts once.`,
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_HISTORY_BATCH_DELETE,
    example: ['3f0c6a8e-1b2d-4c5e-8f90-a1b2c3d4e5f6'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_HISTORY_BATCH_DELETE)
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids!: string[];
}
