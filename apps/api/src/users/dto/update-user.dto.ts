import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PLAN_IDS } from '@gradekit/contracts';

/** PUT /api/auth/users/{id}: any subset of the fields; omitted ones stay as they are. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ['admin', 'user'], description: 'The last remaining admin cannot be demoted (409).', example: 'admin' })
  @IsOptional()
  @IsIn(['admin', 'user'])
  role?: 'admin' | 'user';

  @ApiPropertyOptional({ format: 'uuid', description: 'Move the user to this team (400 when it does not exist).', example: '00000000-0000-4000-8000-000000000001' })
  @IsOptional()
  @IsUUID()
  team_id?: string;

  @ApiPropertyOptional({ enum: PLAN_IDS, description: 'Change the plan. Takes effect on the next request; credits are not changed.', example: 'pro' })
  @IsOptional()
  @IsIn(PLAN_IDS)
  plan?: string;
}
