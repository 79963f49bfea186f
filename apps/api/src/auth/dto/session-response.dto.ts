import { ApiProperty } from '@nestjs/swagger';
import { UserResponseDto } from '../../users/dto/user-response.dto';

class SessionTeamDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Default' })
  name!: string;
}

class SessionPlanDto {
  @ApiProperty({ example: 'free' })
  id!: string;

  @ApiProperty({ example: 'Free' })
  name!: string;

  @ApiProperty({ example: 50 })
  monthly_credits!: number;

  @ApiProperty({ example: 60 })
  requests_per_minute!: number;

  @ApiProperty({ example: 10000 })
  requests_per_month!: number;
}

/** GET /api/auth/session: who is calling and how. */
export class SessionResponseDto {
  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;

  @ApiProperty({ type: SessionTeamDto })
  team!: SessionTeamDto;

  @ApiProperty({ type: SessionPlanDto })
  plan!: SessionPlanDto;

  @ApiProperty({ description: 'Current credit balance.', example: 50 })
  credit_balance!: number;

  @ApiProperty({ enum: ['session', 'api_key'], description: 'How this request was authenticated.' })
  authenticated_via!: 'session' | 'api_key';

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The API key used, when authenticated with one.' })
  api_key_id!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the session ends; null for API keys (they last until revoked).' })
  expires_at!: string | null;
}
