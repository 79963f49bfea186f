import { generateApiKey, generateSessionToken, hashPassword, looksLikeApiKey, sha256Hex, verifyPassword } from './secrets';

describe('secrets', () => {
  it('hashes with SHA-256 (known vectors)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('generates API keys as gk_ + 64 hex, with an 11-character prefix and the hash of the whole key', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^gk_[0-9a-f]{64}$/);
    expect(a.prefix).toBe(a.key.slice(0, 11));
    expect(a.hash).toBe(sha256Hex(a.key));
    expect(a.key).not.toBe(b.key);
    expect(looksLikeApiKey(a.key)).toBe(true);
  });

  it('generates session tokens that are not mistaken for API keys', () => {
    const { token, hash } = generateSessionToken();
    expect(token).toMatch(/^gks_[0-9a-f]{64}$/);
    expect(hash).toBe(sha256Hex(token));
    expect(looksLikeApiKey(token)).toBe(false);
  });

  it('hashes passwords with a random salt and verifies only the right one', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery staple', second)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats malformed stored hashes as a mismatch', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$32768$8$1$$')).toBe(false);
  });
});
