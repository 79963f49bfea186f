/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a host name to all of its addresses. Injectable so tests (and an on-prem
 * resolver) can decide what a name resolves to; the default is the OS resolver
 * (dns.lookup, all addresses).
 */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

export interface AddressPolicy {
  /**
   * Hosts that may be fetched even though they resolve to non-public addresses, for
   * tests and on-prem installs: exact `host` (any port) or `host:port` (that port only),
   * IPv6 as `[::1]:8080`. Every redirect hop is checked on its own, so a redirect from an
   * allowed host to a non-allowed private one is still refused.
   */
  allowHosts?: string[];
}

export interface SafeFetchOptions {
  /** Largest response body accepted; past it the transfer is aborted (PAYLOAD_TOO_LARGE). */
  maxBytes: number;
  /** Limit for the whole fetch: DNS, connects, redirects and the body. */
  timeoutMs: number;
  /** Default 3. */
  maxRedirects?: number;
  /**
   * Default true. False: a 3xx is returned as it is, Location unfollowed (webhook
   * delivery, where a redirect is a failed attempt, per Standard Webhooks).
   */
  followRedirects?: boolean;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer | string;
  policy?: AddressPolicy;
  lookup?: LookupFn;
}

export interface SafeFetchResult {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  contentType: string | null;
}
