import { ApiProperty } from '@nestjs/swagger';
import { TeamResponseDto } from './team-response.dto';

export class TeamListResponseDto {
  @ApiProperty({ type: [TeamResponseDto], description: 'Oldest team first (the default team first).' })
  items!: TeamResponseDto[];

  @ApiProperty({ example: 1 })
  total!: number;

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}
