import { Injectable } from '@nestjs/common';
import type { Role } from '@prisma/client';
import { DomainError } from '@gradekit/contracts';
import { UsersRepository } from '@gradekit/db';
import type { Principal } from '../common/request-context';
import { SettingsService } from '../settings/settings.service';
import type { UserResponseDto } from '../users/dto/user-response.dto';
import { UserProvisioner } from '../users/user-provisioner.service';
import { toUserView } from '../users/user.view';
import type { RegisterDto } from './dto/register.dto';
import { LoginThrottle } from './login-throttle.service';

/**
 * Who may create an account, and as what:
 * - no users yet: anyone, and that first user is an admin (bootstrap);
 * - an admin: any role, team and plan;
 * - anyone else, only while the `open_signup` setting is true: a `user` on `free`
 *   in the default team (sending role, team_id or plan is a 403);
 * - otherwise 401 without credentials, 403 with a non-admin's.
 * The decision is made again inside the users lock, so of two concurrent first
 * registrations exactly one becomes admin and the other is judged as a later one.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly provisioner: UserProvisioner,
    private readonly settings: SettingsService,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(caller: Principal | undefined, dto: RegisterDto, ip: string): Promise<UserResponseDto> {
    const isAdmin = caller?.user.role === 'admin';
    const openSignup = isAdmin ? false : await this.settings.get('open_signup');
    if (!isAdmin) {
      // Public sign-up costs a password hash: the per-IP login counter bounds it.
      await this.throttle.hit(null, ip);
      // Early answer without hashing; decide() below is the one that counts.
      this.decide(await this.users.count(), caller, dto, openSignup);
    }
    const user = await this.provisioner.create(
      { username: dto.username, password: dto.password, email: dto.email, teamId: dto.team_id, planId: dto.plan, actorId: caller?.user.id ?? null },
      (existingUsers) => this.decide(existingUsers, caller, dto, openSignup),
    );
    return toUserView(user);
  }

  private decide(existingUsers: number, caller: Principal | undefined, dto: RegisterDto, openSignup: boolean): Role {
    if (existingUsers === 0) {
      if (dto.role === 'user') throw DomainError.validation('The first user is always an admin', [{ field: 'role', message: 'must be "admin" or omitted for the first user' }]);
      return 'admin';
    }
    if (caller?.user.role === 'admin') return dto.role ?? 'user';
    if (!openSignup) {
      if (!caller) {
        throw new DomainError('UNAUTHORIZED', 'Registration is closed: an admin must create accounts', [{ message: 'Authenticate as an admin, or ask one to enable the open_signup setting' }]);
      }
      throw new DomainError('FORBIDDEN', 'Only admins may create users while open_signup is off');
    }
    const privileged = (['role', 'team_id', 'plan'] as const).filter((field) => dto[field] !== undefined);
    if (privileged.length) {
      throw new DomainError(
        'FORBIDDEN',
        'Only admins may set role, team_id or plan',
        privileged.map((field) => ({ field, message: 'only an admin may set this' })),
      );
    }
    return 'user';
  }
}
