import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Page } from '@gradekit/contracts';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../common/request-context';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListResponseDto } from './dto/api-key-list-response.dto';
import { ApiKeyResponseDto } from './dto/api-key-response.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { CreatedApiKeyResponseDto } from './dto/created-api-key-response.dto';

@ApiTags('api keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'The response is the only place the key appears: it is stored as a SHA-256 hash. 409 when you already hold MAX_ACTIVE_API_KEYS (25 by default) active keys.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiResponse({ status: 409, description: 'CONFLICT: you already hold the maximum of active keys; revoke one first.' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    return this.keys.create(principal.user.id, dto.name);
  }

  @Get()
  @ApiOperation({ summary: 'List your API keys', description: 'Active keys only, newest first; never the key itself.' })
  @ApiOkResponse({ type: ApiKeyListResponseDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<ApiKeyResponseDto>> {
    return this.keys.list(principal.user.id, query.limit, query.offset);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key', description: 'Requests with it answer 401 from then on. 404 when you have no active key with this id.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no active key of yours with this id.' })
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.keys.revoke(principal.user.id, id);
  }
}
