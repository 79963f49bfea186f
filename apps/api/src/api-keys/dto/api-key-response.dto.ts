import { ApiProperty } from '@nestjs/swagger';

/** A key as listed: never the key itself or its hash. */
export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'my-script' })
  name!: string;

  @ApiProperty({ description: 'The first 11 characters of the key, to recognise it.', example: 'gk_1a2b3c4d' })
  prefix!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last successful authentication (updated at most once a minute), or null.' })
  last_used_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
