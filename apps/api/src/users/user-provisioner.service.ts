import { Injectable } from '@nestjs/common';
import type { Role, User } from '@prisma/client';
import { isUUID } from 'class-validator';
import { DomainError } from '@gradekit/contracts';
import { CreditsRepository, PlansRepository, TeamsRepository, UsersRepository, isUniqueViolation } from '@gradekit/db';
import { hashPassword } from '../auth/secrets';
import { ACCOUNT_RULES, normaliseLogin } from './account-rules';

export interface ProvisionInput {
  username: string;
  password: string;
  email?: string | null;
  /** Defaults to the default team. */
  teamId?: string | null;
  /** Defaults to `free`. */
  planId?: string | null;
  /** Who asked for the account (the admin), recorded on the initial credit grant. */
  actorId?: string | null;
}

/**
 * Decides the new user's role from the number of users that already exist, read
 * inside the users lock — or throws (e.g. 401/403 when registration is closed).
 */
export type RoleDecision = (existingUsers: number) => Role;

/**
 * Creates user accounts for every way in (the register route, the admin CLI, the
 * seed): the same name rules, the same checks, and the plan's monthly credits as an
 * initial ledger grant written in the same transaction as the user row.
 */
@Injectable()
export class UserProvisioner {
  constructor(
    private readonly users: UsersRepository,
    private readonly teams: TeamsRepository,
    private readonly plans: PlansRepository,
    private readonly credits: CreditsRepository,
  ) {}

  async create(input: ProvisionInput, decideRole: RoleDecision): Promise<User> {
    const username = normaliseLogin(input.username);
    const email = input.email ? normaliseLogin(input.email) : null;
    this.checkShape(username, input.password, email);
    const plan = await this.plans.find(input.planId ?? 'free');
    if (!plan) throw DomainError.validation('Unknown plan', [{ field: 'plan', message: `no plan "${input.planId}"` }]);
    const teamId = await this.resolveTeamId(input.teamId ?? null);
    await this.checkFree(username, email);
    // Hash before taking the lock: scrypt takes ~50 ms and the lock serialises registrations.
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.users.withUsersLock(async (locked) => {
        const role = decideRole(await locked.count());
        const user = await locked.create({ username, email, passwordHash, role, teamId, planId: plan.id });
        if (plan.monthlyCredits <= 0) return user;
        const balance = await this.credits.grant(user.id, plan.monthlyCredits, `plan:${plan.id} initial grant`, input.actorId ?? null, locked.tx);
        return { ...user, creditBalance: balance };
      });
    } catch (error) {
      // Lost a race with a concurrent registration of the same name.
      if (isUniqueViolation(error)) throw new DomainError('CONFLICT', 'Username or email is already taken', [{ field: 'username', message: 'already taken' }]);
      throw error;
    }
  }

  /** The team to join: the given one (400 when it does not exist) or the default team. */
  async resolveTeamId(teamId: string | null): Promise<string> {
    if (!teamId) return (await this.teams.findDefault()).id;
    const team = isUUID(teamId) ? await this.teams.find(teamId) : null;
    if (!team) throw DomainError.validation('Unknown team', [{ field: 'team_id', message: `no team with id "${teamId}"` }]);
    return team.id;
  }

  /** The DTOs check this too; repeated here for callers that bypass HTTP (CLI, seed). */
  private checkShape(username: string, password: string, email: string | null): void {
    const details = [];
    if (!ACCOUNT_RULES.usernamePattern.test(username)) details.push({ field: 'username', message: ACCOUNT_RULES.usernameHint });
    if (password.length < ACCOUNT_RULES.passwordMinLength || password.length > ACCOUNT_RULES.passwordMaxLength) {
      details.push({ field: 'password', message: `must be ${ACCOUNT_RULES.passwordMinLength}–${ACCOUNT_RULES.passwordMaxLength} characters` });
    }
    if (email !== null && (!email.includes('@') || email.length > ACCOUNT_RULES.emailMaxLength)) details.push({ field: 'email', message: 'must be an email address' });
    if (details.length) throw DomainError.validation('Invalid account details', details);
  }

  private async checkFree(username: string, email: string | null): Promise<void> {
    if (await this.users.findByLogin(username)) {
      throw new DomainError('CONFLICT', `Username "${username}" is already taken`, [{ field: 'username', message: 'already taken (usernames are case-insensitive)' }]);
    }
    if (email && (await this.users.findByLogin(email))) {
      throw new DomainError('CONFLICT', 'Email is already in use', [{ field: 'email', message: 'already in use' }]);
    }
  }
}
