import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Page } from '@gradekit/contracts';
import { AdminOnly, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../common/request-context';
import { AdminUsersService } from './admin-users.service';
import { GrantCreditsResponseDto } from './dto/grant-credits-response.dto';
import { GrantCreditsDto } from './dto/grant-credits.dto';
import { PasswordChangedResponseDto } from './dto/password-changed-response.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserListResponseDto } from './dto/user-list-response.dto';
import { UserResponseDto } from './dto/user-response.dto';

/** User administration (the spec puts it under /api/auth/users). Admins only. */
@ApiTags('users (admin)')
@ApiResponse({ status: 403, description: 'FORBIDDEN: admins only.' })
@AdminOnly()
@Controller('api/auth/users')
export class AdminUsersController {
  constructor(private readonly service: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'List all users', description: 'Paged, oldest account first.' })
  @ApiOkResponse({ type: UserListResponseDto })
  list(@Query() query: PageQueryDto): Promise<Page<UserResponseDto>> {
    return this.service.list(query.limit, query.offset);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a user\u2019s role, team or plan', description: '404 unknown user; 400 unknown team or plan; 409 when it would demote the last admin.' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such user.' })
  @ApiResponse({ status: 409, description: 'CONFLICT: would demote the last admin.' })
  update(@Param('id') id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.service.update(id, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a user\u2019s password', description: 'Ends all the user\u2019s sessions; their API keys keep working.' })
  @ApiOkResponse({ type: PasswordChangedResponseDto })
  resetPassword(@Param('id') id: string, @Body() dto: ResetPasswordDto): Promise<PasswordChangedResponseDto> {
    return this.service.resetPassword(id, dto.new_password);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user', description: 'Also deletes their sessions, API keys, ledger, usage, tasks, history and stored files (uploads, results, thumbnails, LUTs). 409 for yourself or the last admin.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such user.' })
  @ApiResponse({ status: 409, description: 'CONFLICT: yourself, or the last admin.' })
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.service.delete(principal.user, id);
  }

  @Post(':id/credits')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant credits', description: 'Writes a ledger grant with you as the actor and returns the new balance.' })
  @ApiOkResponse({ type: GrantCreditsResponseDto })
  grantCredits(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: GrantCreditsDto): Promise<GrantCreditsResponseDto> {
    return this.service.grantCredits(principal.user, id, dto.amount, dto.reason);
  }
}
