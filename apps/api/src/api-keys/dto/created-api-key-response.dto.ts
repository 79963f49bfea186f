import { ApiProperty } from '@nestjs/swagger';

/** The answer to creating a key: the only time the key itself is ever shown. */
export class CreatedApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'my-script' })
  name!: string;

  @ApiProperty({ description: 'The API key: `gk_` + 64 hex characters. Store it now; it is kept only as a SHA-256 hash and cannot be shown again.', example: 'gk_1a2b3c4d…' })
  key!: string;

  @ApiProperty({ example: 'gk_1a2b3c4d' })
  prefix!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
