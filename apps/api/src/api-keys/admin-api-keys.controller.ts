import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Page } from '@gradekit/contracts';
import { AdminOnly } from '../auth/auth.decorators';
import { AdminUsersService } from '../users/admin-users.service';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListResponseDto } from './dto/api-key-list-response.dto';
import type { ApiKeyResponseDto } from './dto/api-key-response.dto';

/**
 * Another user's API keys, for admins (who may see every user's keys, as in the
 * neighbouring image-toolbox spec): list them and revoke one, e.g. after a leak.
 * Never the key itself; a revoked key's row stays for the audit trail.
 */
@ApiTags('users (admin)')
@ApiResponse({ status: 403, description: 'FORBIDDEN: admins only.' })
@ApiResponse({ status: 404, description: 'NOT_FOUND: no such user, or no active key of theirs with this id.' })
@AdminOnly()
@Controller('api/auth/users/:userId/api-keys')
export class AdminApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly users: AdminUsersService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List a user\u2019s API keys', description: 'Active keys only, newest first; never the key itself.' })
  @ApiOkResponse({ type: ApiKeyListResponseDto })
  async list(@Param('userId') userId: string, @Query() query: PageQueryDto): Promise<Page<ApiKeyResponseDto>> {
    await this.users.existing(userId);
    return this.keys.list(userId, query.limit, query.offset);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a user\u2019s API key', description: 'Requests with it answer 401 from then on.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(@Param('userId') userId: string, @Param('id') id: string): Promise<void> {
    await this.users.existing(userId);
    await this.keys.revoke(userId, id);
  }
}
