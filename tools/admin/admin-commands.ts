import { randomBytes } from 'node:crypto';
import type { User } from '@prisma/client';
import { isUUID } from 'class-validator';
import { DomainError } from '@gradekit/contracts';
import { LedgerAuditRepository } from '@gradekit/db';
import { generateApiKey, hashPassword } from '../../apps/api/src/auth/secrets';
import { toUserView } from '../../apps/api/src/users/user.view';
import type { AdminContext } from './admin-context';
import { UsageError, checkOptions, type ParsedArgs } from './parse-args';

export const USAGE = `Usage: admin-cli <command> [arguments] [--option value]

  create-user <username> [--password <pw>] [--email <email>] [--role admin|user] [--plan <plan>] [--team <team id or name>]
      Creates a user with the plan's monthly credits (as POST /api/auth/register). Without
      --password a random one is generated and printed once.
  grant-credits <username> <amount> --reason <text>
      Adds credits through the ledger.
  set-plan <username> <plan>
      Changes the user's plan (free, pro, business, enterprise); credits are not changed.
  set-password <username> [--password <pw>]
      Sets a new password (generated and printed when omitted) and ends the user's sessions.
  create-api-key <username> [--name <name>]
      Creates an API key and prints it: it is shown this once only.
  audit-ledger [--stuck-minutes <n>]
      Proves the credits from the database: every balance is the sum of its ledger, every
      failed task got back what it cost, no refund exceeds a charge; with --stuck-minutes,
      also tasks queued or processing for longer. Prints the report; exit 1 when it found problems.

Every command prints one JSON object on stdout. Exit codes: 0 done, 1 refused (message
on stderr), 2 usage error. DATABASE_URL (and the api's other variables) come from the environment.`;

/** A password for the operator to hand on: 16 random bytes, URL-safe. */
export function generatePassword(): string {
  return randomBytes(16).toString('base64url');
}

type Command = (ctx: AdminContext, args: ParsedArgs) => Promise<Record<string, unknown>>;

const COMMANDS: Record<string, { options: string[]; positionals: number; run: Command }> = {
  'create-user': {
    options: ['password', 'email', 'role', 'plan', 'team'],
    positionals: 1,
    run: async (ctx, { positionals: [username], options }) => {
      const role = options['role'] ?? 'user';
      if (role !== 'admin' && role !== 'user') throw new UsageError('--role must be admin or user');
      const password = options['password'] ?? generatePassword();
      const teamId = options['team'] ? await teamIdOf(ctx, options['team']) : null;
      const user = await ctx.provisioner.create({ username, password, email: options['email'] ?? null, planId: options['plan'] ?? 'free', teamId }, () => role);
      return { user: toUserView(user), ...(options['password'] ? {} : { password }) };
    },
  },
  'grant-credits': {
    options: ['reason'],
    positionals: 2,
    run: async (ctx, { positionals: [username, amountText], options }) => {
      const amount = Number(amountText);
      if (!Number.isInteger(amount) || amount < 1) throw new UsageError('<amount> must be a positive whole number');
      const reason = options['reason']?.trim();
      if (!reason) throw new UsageError('--reason is required: it is stored on the ledger entry');
      const user = await userNamed(ctx, username);
      const balance = await ctx.credits.grant(user.id, amount, reason, null);
      return { user_id: user.id, username: user.username, amount, reason, credit_balance: balance };
    },
  },
  'set-plan': {
    options: [],
    positionals: 2,
    run: async (ctx, { positionals: [username, planId] }) => {
      const user = await userNamed(ctx, username);
      if (!(await ctx.plans.find(planId))) throw DomainError.validation(`Unknown plan "${planId}"`);
      return { user: toUserView(await ctx.users.update(user.id, { planId })) };
    },
  },
  'set-password': {
    options: ['password'],
    positionals: 1,
    run: async (ctx, { positionals: [username], options }) => {
      const user = await userNamed(ctx, username);
      const password = options['password'] ?? generatePassword();
      if (password.length < 8) throw DomainError.validation('The password must have at least 8 characters');
      const ended = await ctx.users.updatePasswordAndEndCredentials(user.id, await hashPassword(password), { keepSessionId: null, revokeApiKeys: false });
      return { user_id: user.id, username: user.username, sessions_ended: ended.sessionsEnded, ...(options['password'] ? {} : { password }) };
    },
  },
  'create-api-key': {
    options: ['name'],
    positionals: 1,
    run: async (ctx, { positionals: [username], options }) => {
      const user = await userNamed(ctx, username);
      const name = options['name']?.trim() || 'admin-cli';
      const generated = generateApiKey();
      const row = await ctx.apiKeys.create(user.id, { name, prefix: generated.prefix, keyHash: generated.hash });
      return { id: row.id, username: user.username, name, key: generated.key, prefix: row.prefix, created_at: row.createdAt.toISOString() };
    },
  },
  'audit-ledger': {
    options: ['stuck-minutes'],
    positionals: 0,
    run: async (ctx, { options }) => {
      const stuck = options['stuck-minutes'];
      const minutes = stuck === undefined ? undefined : Number(stuck);
      if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) throw new UsageError('--stuck-minutes must be a positive number');
      const report = await new LedgerAuditRepository(ctx.prisma).audit({ stuckAfterMinutes: minutes });
      if (report.problems.length > 0) {
        throw new DomainError('CONFLICT', `The ledger audit found ${report.problems.length} problem(s)`, report.problems.map((problem) => ({ message: problem.kind, ...problem })));
      }
      return { ...report };
    },
  },
};

/** Runs one parsed command line; throws UsageError or DomainError when it cannot. */
export async function runAdminCommand(ctx: AdminContext, args: ParsedArgs): Promise<Record<string, unknown>> {
  const command = args.command ? COMMANDS[args.command] : undefined;
  if (!command) throw new UsageError(args.command ? `Unknown command "${args.command}"` : 'No command given');
  checkOptions(args, command.options);
  if (args.positionals.length !== command.positionals) {
    throw new UsageError(`${args.command} takes ${command.positionals} argument(s), got ${args.positionals.length}`);
  }
  return command.run(ctx, args);
}

async function userNamed(ctx: AdminContext, login: string): Promise<User> {
  const user = await ctx.users.findByLogin(login);
  if (!user) throw DomainError.notFound(`User "${login}"`);
  return user;
}

async function teamIdOf(ctx: AdminContext, team: string): Promise<string> {
  const found = isUUID(team) ? await ctx.teams.find(team) : await ctx.teams.findByNameInsensitive(team);
  if (!found) throw DomainError.notFound(`Team "${team}"`);
  return found.id;
}
