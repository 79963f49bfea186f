import { ApiProperty } from '@nestjs/swagger';
import { UserResponseDto } from '../../users/dto/user-response.dto';

export class LoginResponseDto {
  @ApiProperty({ description: 'Session token: send it as `Authorization: Bearer <token>`. Stored only as a SHA-256 hash.', example: 'gks_5f1c…' })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'When the session ends (SESSION_TTL_HOURS, 24 h by default).' })
  expires_at!: string;

  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;
}
