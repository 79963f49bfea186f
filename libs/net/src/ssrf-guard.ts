import { lookup as dnsLookup } from 'node:dns/promises';
import { DomainError } from '@gradekit/contracts';
import { isHostAllowed, parseFetchTarget, type FetchTarget } from './fetch-target.parser';
import { classifyAddress } from './ip-address.classifier';
import type { AddressPolicy, LookupFn, ResolvedAddress } from './safe-fetch.types';

/** The OS resolver, all addresses, in the order the system prefers. */
export const systemLookup: LookupFn = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

const ARTICLE: Record<string, string> = { 'link-local': 'a link-local', unspecified: 'an unspecified', invalid: 'an invalid' };

function describe(kind: string): string {
  return `${ARTICLE[kind] ?? `a ${kind}`} address`;
}

/**
 * Resolves a target and decides whether it may be contacted. Returns the addresses
 * to connect to; the caller must connect to exactly these (no second resolution), so
 * a DNS answer that changes between check and connect (rebinding) has no effect.
 * A name is refused if ANY of its addresses is non-public: the OS could pick any.
 * Error details name the offending host and the kind of address, never the resolved
 * IPs (those would tell a caller about the internal network).
 */
export async function resolveAllowedAddresses(
  target: FetchTarget,
  policy: AddressPolicy | undefined,
  lookup: LookupFn = systemLookup,
): Promise<ResolvedAddress[]> {
  const allowed = isHostAllowed(target, policy?.allowHosts);
  let addresses: ResolvedAddress[];
  if (target.ip) {
    addresses = [{ address: target.ip, family: target.ip.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(target.hostname);
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      throw new DomainError('URL_FETCH_FAILED', `Could not resolve host "${target.hostname}"`, [
        { field: 'url', message: 'DNS lookup failed', host: target.hostname, reason: 'dns', code: typeof code === 'string' ? code : undefined },
      ]);
    }
    if (!Array.isArray(addresses) || addresses.length === 0) {
      throw new DomainError('URL_FETCH_FAILED', `Could not resolve host "${target.hostname}"`, [
        { field: 'url', message: 'DNS lookup returned no addresses', host: target.hostname, reason: 'dns' },
      ]);
    }
  }
  if (allowed) return addresses;
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') {
      const what = target.ip ? `"${target.hostname}" is` : `host "${target.hostname}" resolves to`;
      const message = `URL not allowed: ${what} ${describe(kind)}`;
      throw new DomainError('URL_NOT_ALLOWED', message, [{ field: 'url', message, host: target.hostname, reason: kind }]);
    }
  }
  return addresses;
}

/**
 * Checks a URL without fetching it (scheme, credentials, resolution), e.g. when a
 * webhook URL is registered; safeFetch checks again at delivery time, since DNS
 * can change in between.
 */
export async function assertUrlAllowed(url: string, policy?: AddressPolicy, lookup?: LookupFn): Promise<void> {
  await resolveAllowedAddresses(parseFetchTarget(url), policy, lookup);
}
