import { createHmac } from 'node:crypto';
import { buildLocalPresignedUrl, LOCAL_OBJECT_ROUTE, localSignatureParamsFromQuery, signLocalUrl, verifyLocalSignature } from './local-signature';

const SECRET = 'unit-test-secret';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const EXPIRES = NOW / 1000 + 600;
const base = { op: 'put' as const, key: 'u/1/images/a.png', expires: EXPIRES, contentType: 'image/png' };

describe('local presigned URL signatures', () => {
  const sig = signLocalUrl(SECRET, base);

  it('is a stable hex HMAC-SHA256', () => {
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(signLocalUrl(SECRET, base)).toBe(sig);
    expect(signLocalUrl(`${SECRET}x`, base)).not.toBe(sig);
  });

  it('verifies an untouched signature until (and including) its expiry second', () => {
    expect(verifyLocalSignature(SECRET, { ...base, sig }, NOW)).toBe('ok');
    expect(verifyLocalSignature(SECRET, { ...base, sig }, new Date(EXPIRES * 1000 + 999))).toBe('ok');
    expect(verifyLocalSignature(SECRET, { ...base, sig }, (EXPIRES + 1) * 1000)).toBe('expired');
  });

  it('accepts expires as the query string gives it', () => {
    expect(verifyLocalSignature(SECRET, { ...base, expires: String(EXPIRES), sig }, NOW)).toBe('ok');
  });

  it.each([
    ['key', { key: 'u/2/images/a.png' }],
    ['op', { op: 'get' as const }],
    ['expiry', { expires: EXPIRES + 3600 }],
    ['expiry with a leading zero', { expires: `0${EXPIRES}` }],
    ['content type', { contentType: 'text/html' }],
    ['missing content type', { contentType: undefined }],
    ['download name', { downloadName: 'x.png' }],
  ])('rejects a changed %s', (_name, change) => {
    expect(verifyLocalSignature(SECRET, { ...base, ...change, sig }, NOW)).toBe('bad-signature');
  });

  it('reports a forged, expired URL as bad-signature, not expired', () => {
    expect(verifyLocalSignature(SECRET, { ...base, expires: EXPIRES - 10_000, sig }, NOW)).toBe('bad-signature');
  });

  it.each([
    ['a flipped character', `${sig[0] === 'a' ? 'b' : 'a'}${sig.slice(1)}`],
    ['upper case', sig.toUpperCase()],
    ['a truncated signature', sig.slice(0, 63)],
    ['an empty signature', ''],
    ['non-hex', 'z'.repeat(64)],
  ])('rejects %s', (_name, badSig) => {
    expect(verifyLocalSignature(SECRET, { ...base, sig: badSig }, NOW)).toBe('bad-signature');
  });

  it('rejects an unknown op and a non-numeric expiry', () => {
    expect(verifyLocalSignature(SECRET, { ...base, op: 'delete' as 'get', sig }, NOW)).toBe('bad-signature');
    expect(verifyLocalSignature(SECRET, { ...base, expires: 'soon', sig }, NOW)).toBe('bad-signature');
  });

  it('cannot be confused by moving text between fields', () => {
    const a = signLocalUrl(SECRET, { op: 'get', key: 'a', expires: 1, contentType: 'b', downloadName: '' });
    const b = signLocalUrl(SECRET, { op: 'get', key: 'a', expires: 1, contentType: '', downloadName: 'b' });
    expect(a).not.toBe(b);
  });

  it('builds a URL whose query round-trips through localSignatureParamsFromQuery', () => {
    const url = new URL(buildLocalPresignedUrl('https://api.example.com/', SECRET, { ...base, downloadName: 'a b.png' }));
    expect(url.pathname).toBe(`${LOCAL_OBJECT_ROUTE}${base.key}`);
    const params = localSignatureParamsFromQuery(base.key, Object.fromEntries(url.searchParams));
    expect(params).toMatchObject({ op: 'put', key: base.key, expires: String(EXPIRES), contentType: 'image/png', downloadName: 'a b.png' });
    expect(verifyLocalSignature(SECRET, params, NOW)).toBe('ok');
  });

  it('treats repeated or missing query parameters as unverifiable', () => {
    const url = new URL(buildLocalPresignedUrl('https://api.example.com', SECRET, base));
    const query = Object.fromEntries(url.searchParams) as Record<string, string | string[]>;
    expect(verifyLocalSignature(SECRET, localSignatureParamsFromQuery(base.key, { ...query, sig: [query.sig as string, 'x'] }), NOW)).toBe(
      'bad-signature',
    );
    const { op: _op, ...withoutOp } = query;
    expect(verifyLocalSignature(SECRET, localSignatureParamsFromQuery(base.key, withoutOp), NOW)).toBe('bad-signature');
  });

  describe('the signed byte limit (mb)', () => {
    const limited = { ...base, op: 'put' as const, maxBytes: 52_428_800 };
    const limitedSig = signLocalUrl(SECRET, limited);

    it('keeps the canonical string of URLs without a limit, so URLs issued before still verify', () => {
      const v1 = JSON.stringify(['gradekit-local-v1', base.op, base.key, String(EXPIRES), base.contentType, '']);
      expect(sig).toBe(createHmac('sha256', SECRET).update(v1).digest('hex'));
      expect(signLocalUrl(SECRET, { ...base, maxBytes: null })).toBe(sig);
    });

    it('verifies a limited URL, and refuses it with the limit changed, stripped or padded', () => {
      expect(limitedSig).not.toBe(sig);
      expect(verifyLocalSignature(SECRET, { ...limited, sig: limitedSig }, NOW)).toBe('ok');
      expect(verifyLocalSignature(SECRET, { ...limited, maxBytes: '52428800', sig: limitedSig }, NOW)).toBe('ok');
      expect(verifyLocalSignature(SECRET, { ...limited, maxBytes: 52_428_801, sig: limitedSig }, NOW)).toBe('bad-signature');
      expect(verifyLocalSignature(SECRET, { ...limited, maxBytes: undefined, sig: limitedSig }, NOW)).toBe('bad-signature');
      expect(verifyLocalSignature(SECRET, { ...limited, maxBytes: '052428800', sig: limitedSig }, NOW)).toBe('bad-signature');
      expect(verifyLocalSignature(SECRET, { ...limited, maxBytes: '', sig: limitedSig }, NOW)).toBe('bad-signature');
    });

    it('cannot be added to a URL signed without one', () => {
      expect(verifyLocalSignature(SECRET, { ...base, maxBytes: '1000000000', sig }, NOW)).toBe('bad-signature');
    });

    it('round-trips through the URL query as mb', () => {
      const url = new URL(buildLocalPresignedUrl('https://api.example.com', SECRET, limited));
      expect(url.searchParams.get('mb')).toBe('52428800');
      const params = localSignatureParamsFromQuery(base.key, Object.fromEntries(url.searchParams));
      expect(verifyLocalSignature(SECRET, params, NOW)).toBe('ok');
      url.searchParams.set('mb', '99999999999');
      expect(verifyLocalSignature(SECRET, localSignatureParamsFromQuery(base.key, Object.fromEntries(url.searchParams)), NOW)).toBe('bad-signature');
    });
  });
});
