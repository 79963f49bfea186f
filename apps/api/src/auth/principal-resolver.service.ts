import { Injectable } from '@nestjs/common';
import { ApiKeysRepository, SessionsRepository } from '@gradekit/db';
import type { GradekitRequest, Principal } from '../common/request-context';
import { looksLikeApiKey, sha256Hex } from './secrets';

/** last_used_at is written at most this often per key, so auth costs no write per request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns the request's credentials into a Principal: `X-API-Key: <key>`, or
 * `Authorization: Bearer <API key | session token>`. Returns null when there are
 * none or they are not valid (revoked key, expired session): the guard decides.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async resolve(req: GradekitRequest): Promise<Principal | null> {
    const headerKey = req.header('x-api-key')?.trim();
    if (headerKey) return this.byApiKey(headerKey);
    const authorization = req.header('authorization');
    const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (!match) return null;
    return looksLikeApiKey(match[1]) ? this.byApiKey(match[1]) : this.bySession(match[1]);
  }

  private async byApiKey(key: string): Promise<Principal | null> {
    const found = await this.apiKeys.findActiveByHashWithUser(sha256Hex(key));
    if (!found) return null;
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.apiKeys.touch(found.id);
    }
    return { user: found.user, via: 'api_key', apiKeyId: found.id, sessionId: null };
  }

  private async bySession(token: string): Promise<Principal | null> {
    const found = await this.sessions.findLiveWithUser(sha256Hex(token));
    if (!found) return null;
    return { user: found.user, via: 'session', apiKeyId: null, sessionId: found.id };
  }
}
