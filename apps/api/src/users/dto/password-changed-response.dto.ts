import { ApiProperty } from '@nestjs/swagger';

/** What a password change or reset ended, so the caller knows which credentials stopped working. */
export class PasswordChangedResponseDto {
  @ApiProperty({ description: 'Sessions ended (every other session on change-password; all on reset-password).', example: 2 })
  sessions_ended!: number;

  @ApiProperty({ description: 'API keys revoked (all of them on change-password; none on reset-password).', example: 1 })
  api_keys_revoked!: number;
}
