import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Page } from '@gradekit/contracts';
import { AdminOnly } from '../auth/auth.decorators';
import { TeamListResponseDto } from './dto/team-list-response.dto';
import { TeamNameDto } from './dto/team-name.dto';
import { TeamResponseDto } from './dto/team-response.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'List teams', description: 'Any authenticated caller. Paged, oldest first (the default team first).' })
  @ApiOkResponse({ type: TeamListResponseDto })
  list(@Query() query: PageQueryDto): Promise<Page<TeamResponseDto>> {
    return this.teams.list(query.limit, query.offset);
  }

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Create a team (admin)', description: '409 when the name is taken (ignoring case).' })
  @ApiCreatedResponse({ type: TeamResponseDto })
  @ApiResponse({ status: 409, description: 'CONFLICT: name taken.' })
  create(@Body() dto: TeamNameDto): Promise<TeamResponseDto> {
    return this.teams.create(dto.name);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Rename a team (admin)', description: '404 unknown team; 409 when the name is taken.' })
  @ApiOkResponse({ type: TeamResponseDto })
  rename(@Param('id') id: string, @Body() dto: TeamNameDto): Promise<TeamResponseDto> {
    return this.teams.rename(id, dto.name);
  }

  @Delete(':id')
  @AdminOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team (admin)', description: '409 for the default team and for teams that still have members.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse({ status: 409, description: 'CONFLICT: the default team, or a team with members.' })
  async delete(@Param('id') id: string): Promise<void> {
    await this.teams.delete(id);
  }
}
