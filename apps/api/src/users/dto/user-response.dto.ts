import { ApiProperty } from '@nestjs/swagger';

/** A user as the API shows it: never the password hash. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f0c6f7e-9a53-4c1a-9c57-0b0a4f1d2e11' })
  id!: string;

  @ApiProperty({ description: 'Login name, stored lower-case.', example: 'alice' })
  username!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Lower-case email, or null.', example: 'alice@example.com' })
  email!: string | null;

  @ApiProperty({ enum: ['admin', 'user'], example: 'user' })
  role!: 'admin' | 'user';

  @ApiProperty({ format: 'uuid', description: 'The team the user belongs to.', example: '00000000-0000-4000-8000-000000000001' })
  team_id!: string;

  @ApiProperty({ enum: ['free', 'pro', 'business', 'enterprise'], description: 'Plan id.', example: 'free' })
  plan!: string;

  @ApiProperty({ description: 'Current credit balance (the sum of the user\u2019s credit ledger).', example: 50 })
  credit_balance!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' })
  updated_at!: string;
}
