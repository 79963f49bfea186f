import { ApiProperty } from '@nestjs/swagger';

export class TeamResponseDto {
  @ApiProperty({ format: 'uuid', example: '00000000-0000-4000-8000-000000000001' })
  id!: string;

  @ApiProperty({ example: 'Default' })
  name!: string;

  @ApiProperty({ description: 'New users join the default team; it cannot be deleted.', example: true })
  is_default!: boolean;

  @ApiProperty({ description: 'Number of users in the team.', example: 3 })
  member_count!: number;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}
