import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PLAN_IDS } from '@gradekit/contracts';
import { ACCOUNT_RULES } from '../../users/account-rules';

const ADMIN_ONLY = 'Only an admin (or the very first registration) may set this; from anyone else it is a 403.';

export class RegisterDto {
  @ApiProperty({ description: `Login name, case-insensitive (stored lower-case): ${ACCOUNT_RULES.usernameHint}.`, example: 'alice' })
  @IsString()
  @Matches(ACCOUNT_RULES.usernamePattern, { message: `username must be ${ACCOUNT_RULES.usernameHint}` })
  username!: string;

  @ApiProperty({ minLength: ACCOUNT_RULES.passwordMinLength, maxLength: ACCOUNT_RULES.passwordMaxLength, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(ACCOUNT_RULES.passwordMinLength)
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  password!: string;

  @ApiPropertyOptional({ description: 'Optional; unique, case-insensitive. Can be used instead of the username to log in.', example: 'alice@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(ACCOUNT_RULES.emailMaxLength)
  email?: string;

  @ApiPropertyOptional({ enum: ['admin', 'user'], default: 'user', description: `${ADMIN_ONLY} The first user is always an admin.` })
  @IsOptional()
  @IsIn(['admin', 'user'])
  role?: 'admin' | 'user';

  @ApiPropertyOptional({ format: 'uuid', description: `Team to join (default: the default team). ${ADMIN_ONLY}` })
  @IsOptional()
  @IsUUID()
  team_id?: string;

  @ApiPropertyOptional({ enum: PLAN_IDS, default: 'free', description: `Plan (default: free). The user starts with the plan\u2019s monthly credits. ${ADMIN_ONLY}` })
  @IsOptional()
  @IsIn(PLAN_IDS)
  plan?: string;
}
