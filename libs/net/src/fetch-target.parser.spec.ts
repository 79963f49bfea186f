import { DomainError } from '@gradekit/contracts';
import { isHostAllowed, parseAllowEntry, parseFetchTarget } from './fetch-target.parser';
import { classifyAddress } from './ip-address.classifier';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not-a-domain-error';
  }
}

describe('parseFetchTarget', () => {
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.0.0.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://０/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:0:0:1]:8080/x', '::1'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
  ])('normalises the obfuscated address in %s to %s (which is refused)', (url, ip) => {
    const target = parseFetchTarget(url);
    expect(target.ip).toBe(ip);
    expect(classifyAddress(target.ip!)).not.toBe('public');
  });

  it('keeps names as names, lower-cased, with the effective port', () => {
    expect(parseFetchTarget('https://Images.Example.com/a.jpg')).toMatchObject({ hostname: 'images.example.com', port: 443, ip: null });
    expect(parseFetchTarget('http://example.com:8080/')).toMatchObject({ hostname: 'example.com', port: 8080, ip: null });
    expect(parseFetchTarget('http://localhost/')).toMatchObject({ hostname: 'localhost', port: 80, ip: null });
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['ftp://example.com/a.jpg', 'scheme'],
    ['gopher://127.0.0.1:6379/_INFO', 'scheme'],
    ['data:image/png;base64,AAAA', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['//example.com/a.jpg', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['http://[fe80::1%25eth0]/', 'invalid_url'],
    ['http://user:pass@example.com/', 'credentials'],
    [`http://example.com/${'a'.repeat(9000)}`, 'too_long'],
  ])('refuses %s (%s)', (url, reason) => {
    let error: unknown;
    try {
      parseFetchTarget(url);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('URL_NOT_ALLOWED');
    expect((error as DomainError).details[0]).toMatchObject({ field: 'url', reason });
  });
});

describe('allowHosts matching', () => {
  const target = (url: string) => parseFetchTarget(url);

  it('matches host:port exactly and host alone on any port', () => {
    expect(isHostAllowed(target('http://127.0.0.1:8080/x'), ['127.0.0.1:8080'])).toBe(true);
    expect(isHostAllowed(target('http://127.0.0.1:8081/x'), ['127.0.0.1:8080'])).toBe(false);
    expect(isHostAllowed(target('http://127.0.0.1/x'), ['127.0.0.1:80'])).toBe(true);
    expect(isHostAllowed(target('http://minio.internal:9000/x'), ['minio.internal'])).toBe(true);
    expect(isHostAllowed(target('http://minio.internal.:9000/x'), ['MINIO.internal'])).toBe(true);
    expect(isHostAllowed(target('http://[::1]:9000/x'), ['[::1]:9000'])).toBe(true);
  });

  it('does not match other hosts, other spellings of other hosts, or nothing', () => {
    expect(isHostAllowed(target('http://127.0.0.2:8080/'), ['127.0.0.1:8080'])).toBe(false);
    expect(isHostAllowed(target('http://evil.127.0.0.1.nip.io/'), ['127.0.0.1'])).toBe(false);
    expect(isHostAllowed(target('http://127.0.0.1/'), undefined)).toBe(false);
    expect(isHostAllowed(target('http://127.0.0.1/'), [])).toBe(false);
  });

  it('compares normalised addresses (an allowed 127.0.0.1 also covers 2130706433)', () => {
    expect(isHostAllowed(target('http://2130706433:8080/'), ['127.0.0.1:8080'])).toBe(true);
    expect(parseAllowEntry('0x7f.1:80')).toEqual({ hostname: '127.0.0.1', port: 80 });
  });

  it('rejects malformed entries', () => {
    for (const bad of ['http://x', 'a:b', '', 'a:1:2', '::1']) expect(codeOf(() => parseAllowEntry(bad))).toBe('VALIDATION_ERROR');
  });
});
