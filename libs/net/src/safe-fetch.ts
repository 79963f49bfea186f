import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { DomainError, isDomainError } from '@gradekit/contracts';
import { parseFetchTarget, type FetchTarget } from './fetch-target.parser';
import type { ResolvedAddress, SafeFetchOptions, SafeFetchResult } from './safe-fetch.types';
import { resolveAllowedAddresses, systemLookup } from './ssrf-guard';

const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: never sent to another origin after a redirect. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** Headers the fetcher owns; a caller's value would be wrong or dangerous (Host spoofing on an allowed IP). */
const OWNED_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection'];

class FetchTimeout extends Error {}

function fetchFailed(message: string, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError('URL_FETCH_FAILED', message, [{ field: 'url', message, ...extra }]);
}

function tooLarge(maxBytes: number): DomainError {
  const message = `Response is larger than ${maxBytes} bytes`;
  return new DomainError('PAYLOAD_TOO_LARGE', message, [{ field: 'url', message, maxBytes }]);
}

/**
 * A lookup that answers with the addresses the guard already validated, whatever it
 * is asked. Node calls it at connect time in place of DNS, so the connection goes to
 * a checked address even if the name now resolves elsewhere (DNS rebinding).
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean } | number | undefined, callback: (...args: unknown[]) => void) => {
    const all = typeof options === 'object' && options !== null && options.all === true;
    if (all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as unknown as LookupFunction;
}

/** Rejects as soon as the signal aborts, for steps that take no signal themselves (an injected lookup). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new FetchTimeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new FetchTimeout());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

interface HopRequest {
  target: FetchTarget;
  addresses: ResolvedAddress[];
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal: AbortSignal;
}

function send({ target, addresses, method, headers, body, signal }: HopRequest): Promise<http.IncomingMessage> {
  const transport = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request({
      protocol: target.url.protocol,
      hostname: target.hostname, // TLS SNI and certificate checks use the name, not the IP
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method,
      headers: { ...headers, host: target.url.host, ...(body ? { 'content-length': String(body.length) } : {}) },
      lookup: pinnedLookup(addresses),
      agent: false, // no pooled sockets: each hop connects to its own validated address
      signal,
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end(body);
  });
}

async function readLimited(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      response.destroy(); // stop the transfer now: don't let a hostile server fill memory
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function assertOptions(options: SafeFetchOptions): void {
  const positive = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;
  const bad: string[] = [];
  if (!positive(options.maxBytes)) bad.push('maxBytes');
  if (!positive(options.timeoutMs)) bad.push('timeoutMs');
  if (options.maxRedirects !== undefined && !(Number.isInteger(options.maxRedirects) && options.maxRedirects >= 0)) bad.push('maxRedirects');
  if (options.method !== undefined && options.method !== 'GET' && options.method !== 'POST') bad.push('method');
  if (options.body !== undefined && options.method !== 'POST') bad.push('body');
  if (bad.length > 0) {
    throw DomainError.validation('Invalid safeFetch options', bad.map((field) => ({ field, message: 'is invalid' })));
  }
}

async function run(input: string, options: SafeFetchOptions, signal: AbortSignal): Promise<SafeFetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const lookup = options.lookup ?? systemLookup;
  let method = options.method ?? 'GET';
  let body = options.body === undefined ? undefined : Buffer.from(options.body);
  let headers: Record<string, string> = {
    'user-agent': 'Gradekit-Fetch/1.0',
    'accept-encoding': 'identity', // the byte limit applies to what we store, so no compressed bodies
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!OWNED_HEADERS.includes(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }

  let target = parseFetchTarget(input);
  for (let redirects = 0; ; redirects += 1) {
    const addresses = await abortable(resolveAllowedAddresses(target, options.policy, lookup), signal);
    const response = await send({ target, addresses, method, headers, body, signal });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;

    if (REDIRECT_STATUSES.has(status) && location && options.followRedirects !== false) {
      response.destroy();
      if (redirects >= maxRedirects) throw fetchFailed(`Too many redirects (more than ${maxRedirects})`, { reason: 'too_many_redirects' });
      let nextUrl: URL;
      try {
        nextUrl = new URL(location, target.url);
      } catch {
        throw fetchFailed('Redirect to an invalid URL', { reason: 'bad_redirect', status });
      }
      const next = parseFetchTarget(nextUrl); // scheme/credentials checks; addresses are checked at the top of the loop
      // Browsers' rules: 303 always, and 301/302 after a POST, continue as a bodiless GET.
      if (status === 303 || (method === 'POST' && (status === 301 || status === 302))) {
        method = 'GET';
        body = undefined;
        const { 'content-type': _dropped, ...rest } = headers;
        headers = rest;
      }
      if (next.url.origin !== target.url.origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
        // A 307/308 would re-send the body (e.g. a signed webhook payload) to a host the
        // caller never named: refuse rather than leak it or send a truncated request.
        if (body !== undefined) {
          throw fetchFailed('Refusing to re-send a request body to another origin after a redirect', { reason: 'cross_origin_body', status });
        }
      }
      target = next;
      continue;
    }

    if (method === 'GET' && (status < 200 || status > 299)) {
      response.destroy();
      throw fetchFailed(`Fetching the URL failed with HTTP status ${status}`, { reason: 'status', status });
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw tooLarge(options.maxBytes);
    }
    const responseBody = await readLimited(response, options.maxBytes);
    const responseHeaders = flattenHeaders(response.headers);
    return {
      status,
      headers: responseHeaders,
      body: responseBody,
      finalUrl: target.url.href,
      contentType: responseHeaders['content-type'] ?? null,
    };
  }
}

/**
 * Fetches a user-supplied URL without letting it reach internal services (SSRF):
 * http/https only; every hop's host is resolved and refused if any address is not
 * public (unless policy.allowHosts names it); the connection goes to the validated
 * address itself; redirects are followed by hand and re-checked; credentials are
 * dropped across origins; one deadline covers the whole fetch; the body is capped
 * while streaming. A GET answered with a non-2xx status fails (URL_FETCH_FAILED with
 * the status); a POST returns whatever status came back, for webhook retry logic.
 */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  assertOptions(options);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    return await run(url, options, controller.signal);
  } catch (error) {
    if (isDomainError(error)) throw error;
    // An aborted socket surfaces as AbortError/ECONNRESET; the deadline is the real cause.
    if (error instanceof FetchTimeout || controller.signal.aborted) {
      throw fetchFailed(`Fetching the URL timed out after ${options.timeoutMs} ms`, { reason: 'timeout', timeoutMs: options.timeoutMs });
    }
    const code = (error as { code?: unknown })?.code;
    throw fetchFailed('Could not fetch the URL', { reason: 'connect', code: typeof code === 'string' ? code : 'UNKNOWN' });
  } finally {
    clearTimeout(timer);
  }
}
