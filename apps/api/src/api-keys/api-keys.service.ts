import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey } from '@prisma/client';
import { isUUID } from 'class-validator';
import { DomainError, type Page } from '@gradekit/contracts';
import type { ApiConfig } from '@gradekit/config';
import { ApiKeysRepository } from '@gradekit/db';
import { generateApiKey } from '../auth/secrets';
import { API_CONFIG } from '../config/api-config.provider';
import type { ApiKeyResponseDto } from './dto/api-key-response.dto';
import type { CreatedApiKeyResponseDto } from './dto/created-api-key-response.dto';

function toApiKeyView(key: ApiKey): ApiKeyResponseDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    created_at: key.createdAt.toISOString(),
  };
}

/** The caller's own API keys. Every lookup is scoped by owner: someone else's key id is a 404. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** 409 past MAX_ACTIVE_API_KEYS active keys: a leaked session cannot mint keys without bound. */
  async create(userId: string, name: string): Promise<CreatedApiKeyResponseDto> {
    const generated = generateApiKey();
    const max = this.config.maxActiveApiKeys;
    const row = await this.keys.createWithinLimit(userId, { name, prefix: generated.prefix, keyHash: generated.hash }, max);
    if (!row) {
      throw new DomainError('CONFLICT', `You already have ${max} active API keys: revoke one first`, [{ field: 'name', message: `at most ${max} active keys`, max_active_keys: max }]);
    }
    return { id: row.id, name: row.name, key: generated.key, prefix: row.prefix, created_at: row.createdAt.toISOString() };
  }

  async list(userId: string, limit: number, offset: number): Promise<Page<ApiKeyResponseDto>> {
    const { items, total } = await this.keys.page(userId, limit, offset);
    return { items: items.map(toApiKeyView), total, limit, offset };
  }

  /** Revokes the key at once (the next request with it is a 401); the row stays for the audit trail. */
  async revoke(userId: string, id: string): Promise<void> {
    const revoked = isUUID(id) && (await this.keys.revoke(userId, id));
    if (!revoked) throw DomainError.notFound('API key');
  }
}
