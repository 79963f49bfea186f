import 'reflect-metadata';
import { loadApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { openAdminContext } from './admin/admin-context';
import { USAGE, runAdminCommand } from './admin/admin-commands';
import { UsageError, parseArgs } from './admin/parse-args';

export interface CliIo {
  databaseUrl: string;
  stdout(line: string): void;
  stderr(line: string): void;
}

/**
 * The admin CLI without the process around it (tests call this): runs one command
 * against the database and returns the exit code — 0 done, 1 refused, 2 usage error.
 */
export async function runAdminCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    return usageFailure(io, error);
  }
  if (parsed.command === null || parsed.command === 'help' || 'help' in parsed.options) {
    io.stdout(USAGE);
    return parsed.command === null ? 2 : 0;
  }
  const ctx = openAdminContext(io.databaseUrl);
  try {
    io.stdout(JSON.stringify(await runAdminCommand(ctx, parsed), null, 2));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error);
    if (error instanceof DomainError) {
      io.stderr(JSON.stringify(error.toJSON()));
      return 1;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}

function usageFailure(io: CliIo, error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  io.stderr(`${error.message}\n\n${USAGE}`);
  return 2;
}

/** Entry point: `node <runner> dist/out/tools/admin-cli.js <command> …` (the runner registers tsconfig-paths). */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const config = loadApiConfig(process.env);
  process.exitCode = await runAdminCli(argv, {
    databaseUrl: config.databaseUrl,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
