import type { User } from '@prisma/client';
import type { UserResponseDto } from './dto/user-response.dto';

/** The public JSON of a user (snake_case, ISO timestamps, no password hash). */
export function toUserView(user: User): UserResponseDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    team_id: user.teamId,
    plan: user.planId,
    credit_balance: user.creditBalance,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
