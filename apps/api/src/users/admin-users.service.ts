import { Inject, Injectable } from '@nestjs/common';
import type { User } from '@prisma/client';
import { isUUID } from 'class-validator';
import type { Logger } from 'pino';
import { DomainError, type Page } from '@gradekit/contracts';
import { CreditsRepository, PlansRepository, UsersRepository } from '@gradekit/db';
import { ownerPrefix, type StorageDriver } from '@gradekit/storage';
import { APP_LOGGER } from '../common/logger.provider';
import { STORAGE } from '../storage/storage.provider';
import { hashPassword } from '../auth/secrets';
import type { GrantCreditsResponseDto } from './dto/grant-credits-response.dto';
import type { PasswordChangedResponseDto } from './dto/password-changed-response.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import type { UserResponseDto } from './dto/user-response.dto';
import { UserProvisioner } from './user-provisioner.service';
import { toUserView } from './user.view';

const LAST_ADMIN = 'An instance must keep at least one admin: promote another user first';

/**
 * What an admin may do to other accounts. Changes that could leave the instance
 * without an admin (demotion, deletion) run under the users lock, so two admins
 * acting at once cannot both pass the "not the last admin" check.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly plans: PlansRepository,
    private readonly credits: CreditsRepository,
    private readonly provisioner: UserProvisioner,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async list(limit: number, offset: number): Promise<Page<UserResponseDto>> {
    const { items, total } = await this.users.list(limit, offset);
    return { items: items.map(toUserView), total, limit, offset };
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    await this.existing(id);
    if (dto.plan !== undefined && !(await this.plans.find(dto.plan))) {
      throw DomainError.validation('Unknown plan', [{ field: 'plan', message: `no plan "${dto.plan}"` }]);
    }
    const teamId = dto.team_id !== undefined ? await this.provisioner.resolveTeamId(dto.team_id) : undefined;
    const updated = await this.users.withUsersLock(async (locked) => {
      const current = await locked.findById(id);
      if (!current) throw DomainError.notFound('User');
      if (current.role === 'admin' && dto.role === 'user' && (await locked.countAdmins()) <= 1) {
        throw new DomainError('CONFLICT', LAST_ADMIN, [{ field: 'role', message: 'this is the last admin' }]);
      }
      return locked.update(id, { role: dto.role, teamId, planId: dto.plan });
    });
    return toUserView(updated);
  }

  /** Sets a new password and ends the user's sessions; their API keys keep working (integrations are not broken by a forgotten password). */
  async resetPassword(id: string, newPassword: string): Promise<PasswordChangedResponseDto> {
    await this.existing(id);
    const result = await this.users.updatePasswordAndEndCredentials(id, await hashPassword(newPassword), { keepSessionId: null, revokeApiKeys: false });
    return { sessions_ended: result.sessionsEnded, api_keys_revoked: result.apiKeysRevoked };
  }

  /** Deletes the user and, by cascade, their sessions, keys, ledger, usage, tasks and history. */
  async delete(actor: User, id: string): Promise<void> {
    if (id === actor.id) throw new DomainError('CONFLICT', 'You cannot delete your own account', [{ message: 'Ask another admin to do it' }]);
    await this.existing(id);
    await this.users.withUsersLock(async (locked) => {
      const target = await locked.findById(id);
      if (!target) throw DomainError.notFound('User');
      if (target.role === 'admin' && (await locked.countAdmins()) <= 1) throw new DomainError('CONFLICT', LAST_ADMIN);
      await locked.delete(id);
    });
    // Then their files (uploads, results, thumbnails, LUTs): all under one prefix. The
    // rows are gone already, so a storage outage here cannot bring the account back; it
    // is logged with the prefix for an operator to remove by hand.
    const prefix = ownerPrefix(id);
    try {
      const removed = await this.storage.deletePrefix(prefix);
      this.logger.info({ userId: id, removed }, 'deleted user: storage objects removed');
    } catch (error) {
      this.logger.error({ userId: id, prefix, err: error instanceof Error ? error.message : String(error) }, 'deleted user: storage objects left behind');
    }
  }

  async grantCredits(actor: User, id: string, amount: number, reason: string): Promise<GrantCreditsResponseDto> {
    await this.existing(id);
    const balance = await this.credits.grant(id, amount, reason.trim(), actor.id);
    return { user_id: id, amount, reason: reason.trim(), credit_balance: balance };
  }

  /** The user, or a 404 for ids that are not users (malformed ids included: they cannot name one). */
  async existing(id: string): Promise<User> {
    const user = isUUID(id) ? await this.users.findById(id) : null;
    if (!user) throw DomainError.notFound('User');
    return user;
  }
}
