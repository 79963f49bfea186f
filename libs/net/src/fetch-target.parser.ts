import { isIP } from 'node:net';
import { DomainError } from '@gradekit/contracts';

/**
 * A URL the guard may fetch, in the form every later step uses. Parsing goes through
 * WHATWG URL, which already normalises numeric and obfuscated IPv4 hosts
 * (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1` all become 127.0.0.1) and IPv6
 * (`[::ffff:127.0.0.1]` becomes `[::ffff:7f00:1]`), so `ip` is set for every host
 * that is an address in disguise and the classifier sees the real address.
 */
export interface FetchTarget {
  url: URL;
  /** Host without IPv6 brackets, lower case (as WHATWG URL gives it). */
  hostname: string;
  /** Effective port (80/443 when the URL names none). */
  port: number;
  /** The literal IP when the host is one, else null (a name to resolve). */
  ip: string | null;
}

const MAX_URL_LENGTH = 8192;

function notAllowed(message: string, reason: string): DomainError {
  return new DomainError('URL_NOT_ALLOWED', message, [{ field: 'url', message, reason }]);
}

export function parseFetchTarget(input: string | URL): FetchTarget {
  const text = typeof input === 'string' ? input : input.href;
  if (text.length > MAX_URL_LENGTH) throw notAllowed(`URL is longer than ${MAX_URL_LENGTH} characters`, 'too_long');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw notAllowed('URL is not a valid absolute URL', 'invalid_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw notAllowed(`URL scheme "${url.protocol.replace(/:$/, '')}" is not allowed; use http or https`, 'scheme');
  }
  // Credentials in URLs end up in logs and would be re-sent on redirects; webhooks and
  // image URLs have no need for them.
  if (url.username || url.password) throw notAllowed('URLs with credentials are not allowed', 'credentials');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') throw notAllowed('URL has no host', 'invalid_url');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { url, hostname, port, ip: isIP(hostname) ? hostname : null };
}

interface AllowEntry {
  hostname: string;
  port: number | null;
}

/** Parses `host`, `host:port`, `[v6]` or `[v6]:port`; throws VALIDATION_ERROR for anything else. */
export function parseAllowEntry(entry: string): AllowEntry {
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry.trim());
  let hostname: string | null = null;
  if (match) {
    try {
      hostname = new URL(`http://${match[1]}/`).hostname.replace(/^\[(.*)\]$/, '$1');
    } catch {
      hostname = null;
    }
  }
  if (!match || !hostname) {
    throw DomainError.validation('Invalid allowHosts entry', [{ field: 'allowHosts', message: `"${entry}" is not host or host:port` }]);
  }
  return { hostname: hostname.replace(/\.$/, ''), port: match[2] ? Number(match[2]) : null };
}

/** True when the target's host (and port, if the entry names one) is on the allow-list. */
export function isHostAllowed(target: FetchTarget, allowHosts: readonly string[] | undefined): boolean {
  if (!allowHosts || allowHosts.length === 0) return false;
  const hostname = target.hostname.replace(/\.$/, '');
  return allowHosts.some((raw) => {
    const entry = parseAllowEntry(raw);
    return entry.hostname === hostname && (entry.port === null || entry.port === target.port);
  });
}
