import { UsageError, checkOptions, parseArgs } from './parse-args';

describe('parseArgs', () => {
  it('splits command, positionals and options in both spellings', () => {
    expect(parseArgs(['grant-credits', 'alice', '50', '--reason', 'promo code', '--actor=ops'])).toEqual({
      command: 'grant-credits',
      positionals: ['alice', '50'],
      options: { reason: 'promo code', actor: 'ops' },
    });
  });

  it('accepts an empty value after = and options before positionals', () => {
    expect(parseArgs(['--name=', 'create-api-key', 'bob'])).toEqual({ command: 'create-api-key', positionals: ['bob'], options: { name: '' } });
  });

  it('has no command for an empty line', () => {
    expect(parseArgs([])).toEqual({ command: null, positionals: [], options: {} });
  });

  it('rejects options without a value, repeated options and a bare --', () => {
    expect(() => parseArgs(['create-user', 'x', '--password'])).toThrow(new UsageError('Option --password needs a value'));
    expect(() => parseArgs(['create-user', '--role', '--plan', 'pro'])).toThrow('Option --role needs a value');
    expect(() => parseArgs(['x', '--a', '1', '--a', '2'])).toThrow('Option --a given twice');
    expect(() => parseArgs(['x', '--'])).toThrow('Malformed option "--"');
  });
});

describe('checkOptions', () => {
  it('names the options a command does not know', () => {
    const parsed = parseArgs(['set-plan', 'alice', 'pro', '--plna', 'x', '--force', 'yes']);
    expect(() => checkOptions(parsed, ['reason'])).toThrow('Unknown option(s) for set-plan: --plna, --force');
    expect(() => checkOptions(parseArgs(['set-plan', '--reason', 'r']), ['reason'])).not.toThrow();
  });
});
