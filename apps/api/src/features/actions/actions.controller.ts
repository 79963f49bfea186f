import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateActionDto, PageQueryDto, UpdateActionDto } from '@gradekit/contracts';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../common/request-context';
import { ActionsService, actionBody } from './actions.service';

@ApiTags('Actions')
@Controller('api/v1/actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Get()
  @ApiOperation({ summary: 'List your processing actions, newest first' })
  list(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto) {
    return this.actions.list(principal.user.id, page.limit, page.offset);
  }

  @Post()
  @ApiOperation({ summary: 'Create a processing action (steps are validated in full: 400 lists each problem with its path)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateActionDto) {
    return this.actions.create(principal.user.id, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one of your processing actions' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such action of yours' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return actionBody(await this.actions.get(principal.user.id, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Update one of your processing actions (name, description and/or steps)' })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateActionDto) {
    return this.actions.update(principal.user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of your processing actions' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.actions.delete(principal.user.id, id);
  }
}
