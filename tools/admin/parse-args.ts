/** A command line split into the command, its positional arguments and its `--options`. */
export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  options: Record<string, string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `command pos1 pos2 --name value --flag=value`. Every option takes a value
 * (no bare flags), so a value can never be mistaken for a positional argument.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!name) throw new UsageError(`Malformed option "${arg}"`);
    if (name in options) throw new UsageError(`Option --${name} given twice`);
    if (eq !== -1) {
      options[name] = arg.slice(eq + 1);
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`Option --${name} needs a value`);
      options[name] = value;
      i++;
    }
  }
  return { command: positionals.shift() ?? null, positionals, options };
}

/** Fails on options the command does not know, so a typo is not silently ignored. */
export function checkOptions(parsed: ParsedArgs, allowed: readonly string[]): void {
  const unknown = Object.keys(parsed.options).filter((name) => !allowed.includes(name));
  if (unknown.length) throw new UsageError(`Unknown option(s) for ${parsed.command}: ${unknown.map((name) => `--${name}`).join(', ')}`);
}
