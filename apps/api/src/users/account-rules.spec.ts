import { ACCOUNT_RULES, normaliseLogin } from './account-rules';

describe('account rules', () => {
  it('accepts usernames of 3–32 letters, digits, _ . - starting with a letter or digit', () => {
    for (const ok of ['bob', 'Alice_01', 'j.doe', 'a-b', '0day', 'x'.repeat(32)]) expect(ACCOUNT_RULES.usernamePattern.test(ok)).toBe(true);
  });

  it('rejects emails, spaces, leading punctuation and bad lengths', () => {
    for (const bad of ['al', 'a@b.c', 'has space', '_lead', '.dot', 'x'.repeat(33), 'ünï', '']) expect(ACCOUNT_RULES.usernamePattern.test(bad)).toBe(false);
  });

  it('normalises logins to trimmed lower case', () => {
    expect(normaliseLogin('  Alice@Example.COM ')).toBe('alice@example.com');
  });
});
