import 'reflect-metadata';
import { loadApiConfig } from '@gradekit/config';
import { generateApiKey } from '../apps/api/src/auth/secrets';
import { openAdminContext, type AdminContext } from '../tools/admin/admin-context';
import { generatePassword } from '../tools/admin/admin-commands';

export const DEMO_USERNAME = 'demo';
export const DEMO_PLAN = 'pro';
export const DEMO_MIN_CREDITS = 100;
export const QUICKSTART_KEY_NAME = 'quickstart';

export interface SeedResult {
  username: string;
  api_key: string;
  /** Only when this run created the user: the generated password, shown this once. */
  password?: string;
}

/**
 * Idempotent demo seed: ensures an admin `demo` on `pro` with at least 100 credits,
 * and replaces its `quickstart` API key with a fresh one (the old one is revoked:
 * keys are stored hashed, so a new one is the only way to print a usable key).
 * Reference data (plans, default team) comes from the migration, not from here.
 */
export async function seedDemo(ctx: AdminContext): Promise<SeedResult> {
  let password: string | undefined;
  let user = await ctx.users.findByLogin(DEMO_USERNAME);
  if (!user) {
    password = generatePassword();
    user = await ctx.provisioner.create({ username: DEMO_USERNAME, password, planId: DEMO_PLAN }, () => 'admin');
  } else if (user.role !== 'admin' || user.planId !== DEMO_PLAN) {
    user = await ctx.users.update(user.id, { role: 'admin', planId: DEMO_PLAN });
  }
  const balance = await ctx.credits.balance(user.id);
  if (balance < DEMO_MIN_CREDITS) await ctx.credits.grant(user.id, DEMO_MIN_CREDITS - balance, 'seed: demo top-up');
  await ctx.apiKeys.revokeByName(user.id, QUICKSTART_KEY_NAME);
  const key = generateApiKey();
  await ctx.apiKeys.create(user.id, { name: QUICKSTART_KEY_NAME, prefix: key.prefix, keyHash: key.hash });
  return { username: user.username, api_key: key.key, ...(password ? { password } : {}) };
}

/** Prints `{ "username", "api_key" }` (plus `password` on first run) as the only line on stdout. */
export async function main(): Promise<void> {
  const ctx = openAdminContext(loadApiConfig(process.env).databaseUrl);
  try {
    process.stdout.write(`${JSON.stringify(await seedDemo(ctx))}\n`);
  } finally {
    await ctx.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
