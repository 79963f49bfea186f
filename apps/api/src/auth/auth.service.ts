import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { SessionsRepository, UsersRepository } from '@gradekit/db';
import type { Principal } from '../common/request-context';
import { API_CONFIG } from '../config/api-config.provider';
import { normaliseLogin } from '../users/account-rules';
import type { PasswordChangedResponseDto } from '../users/dto/password-changed-response.dto';
import { toUserView } from '../users/user.view';
import type { LoginResponseDto } from './dto/login-response.dto';
import type { SessionResponseDto } from './dto/session-response.dto';
import { LoginThrottle } from './login-throttle.service';
import { generateSessionToken, hashPassword, sha256Hex, verifyPassword } from './secrets';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** One message for an unknown user and a wrong password, so login cannot be used to find accounts. */
const BAD_CREDENTIALS = 'Invalid username or password';

/** Sessions: login, logout, who-am-I and changing one's own password. */
@Injectable()
export class AuthService {
  /** A real scrypt hash verified when the user does not exist, so both failures take the same time. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottle,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async login(login: string, password: string, client: ClientInfo): Promise<LoginResponseDto> {
    const user = await this.users.findByLogin(login);
    // Unknown names get their own counter (by hash: no raw input in Redis keys).
    const account = user ? `u:${user.id}` : `n:${sha256Hex(normaliseLogin(login))}`;
    await this.throttle.hit(account, client.ip);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.timingHash()));
    if (!user || !valid) throw new DomainError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    await this.throttle.clearAccount(account);
    const { token, hash } = generateSessionToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3_600_000);
    await this.sessions.create(user.id, { tokenHash: hash, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 512) });
    return { token, expires_at: expiresAt.toISOString(), user: toUserView(user) };
  }

  /**
   * Ends the current session. With an API key there is no session to end: that is
   * a 400 pointing at key revocation, rather than a silent success that would let a
   * client believe its credential stopped working.
   */
  async logout(principal: Principal): Promise<void> {
    if (principal.via !== 'session' || !principal.sessionId) {
      throw DomainError.validation('This request was authenticated with an API key, not a session: there is nothing to log out', [
        { message: 'To stop an API key working, revoke it with DELETE /api/v1/api-keys/{id}' },
      ]);
    }
    await this.sessions.delete(principal.user.id, principal.sessionId);
  }

  async session(principal: Principal): Promise<SessionResponseDto> {
    const { user } = principal;
    const session = principal.sessionId ? await this.sessions.find(user.id, principal.sessionId) : null;
    return {
      user: toUserView(user),
      team: { id: user.team.id, name: user.team.name },
      plan: {
        id: user.plan.id,
        name: user.plan.name,
        monthly_credits: user.plan.monthlyCredits,
        requests_per_minute: user.plan.requestsPerMinute,
        requests_per_month: user.plan.requestsPerMonth,
      },
      credit_balance: user.creditBalance,
      authenticated_via: principal.via,
      api_key_id: principal.apiKeyId,
      expires_at: session?.expiresAt.toISOString() ?? null,
    };
  }

  /**
   * Verifies the current password, then (in one transaction) sets the new one, ends
   * every other session and revokes every API key: whoever might have learnt the
   * old password loses all access. The session making the call stays valid; a call
   * made with an API key revokes that key too.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, client: ClientInfo): Promise<PasswordChangedResponseDto> {
    const account = `u:${principal.user.id}`;
    // Same brake as login: a stolen session must not become a way to guess the password.
    await this.throttle.hit(account, client.ip);
    if (!(await verifyPassword(currentPassword, principal.user.passwordHash))) {
      throw DomainError.validation('Current password is incorrect', [{ field: 'current_password', message: 'is incorrect' }]);
    }
    if (currentPassword === newPassword) {
      throw DomainError.validation('The new password must differ from the current one', [{ field: 'new_password', message: 'must differ from current_password' }]);
    }
    await this.throttle.clearAccount(account);
    const result = await this.users.updatePasswordAndEndCredentials(principal.user.id, await hashPassword(newPassword), {
      keepSessionId: principal.via === 'session' ? principal.sessionId : null,
      revokeApiKeys: true,
    });
    return { sessions_ended: result.sessionsEnded, api_keys_revoked: result.apiKeysRevoked };
  }

  private timingHash(): Promise<string> {
    this.dummyHash ??= hashPassword('gradekit timing equaliser');
    return this.dummyHash;
  }
}
