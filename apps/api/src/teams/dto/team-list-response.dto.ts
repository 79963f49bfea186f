import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/page-response.dto';
import { TeamResponseDto } from './team-response.dto';

export class TeamListResponseDto extends PageResponseDto {
  @ApiProperty({ type: [TeamResponseDto], description: 'Oldest team first (the default team first).' })
  items!: TeamResponseDto[];
}
