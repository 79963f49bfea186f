import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DomainError } from '@gradekit/contracts';
import { safeFetch } from './safe-fetch';
import type { LookupFn, SafeFetchOptions } from './safe-fetch.types';

/** A real HTTP server on a loopback address that records what reached it. */
interface TestServer {
  host: string;
  port: number;
  origin: string;
  hostPort: string;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

async function startServer(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    origin: `http://${host}:${port}`,
    hostPort: `${host}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 5000 } satisfies Partial<SafeFetchOptions>;
const PAYLOAD = randomBytes(64 * 1024);

describe('safeFetch against real local servers', () => {
  const servers: TestServer[] = [];
  let files: TestServer;

  const start = async (handler: Handler, host?: string): Promise<TestServer> => {
    const server = await startServer(handler, host);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    files = await start((req, res) => {
      if (req.url === '/image.png') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(PAYLOAD.length) }).end(PAYLOAD);
      if (req.url === '/missing') return void res.writeHead(404).end('nope');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`path ${req.url}`);
    });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  describe('allowed targets', () => {
    it('fetches an explicitly allowed host and returns the exact bytes', async () => {
      const result = await safeFetch(`${files.origin}/image.png`, { ...LIMITS, policy: { allowHosts: [files.hostPort] } });
      expect(result.status).toBe(200);
      expect(result.body.equals(PAYLOAD)).toBe(true);
      expect(result.contentType).toBe('image/png');
      expect(result.headers['content-length']).toBe(String(PAYLOAD.length));
      expect(result.finalUrl).toBe(`${files.origin}/image.png`);
    });

    it('connects to the address the guard checked, without resolving the name again', async () => {
      // pinned.test resolves to 127.0.0.1 the first time and to 127.0.0.3 afterwards (a
      // rebinding DNS server). If the fetcher resolved again at connect time it would
      // reach the decoy on 127.0.0.3 instead of the checked address.
      const decoy = await start((_req, res) => void res.writeHead(200).end('decoy'), '127.0.0.3').catch(() => null);
      const server = await start((_req, res) => void res.writeHead(200).end('checked'));
      let calls = 0;
      const lookup: LookupFn = async () => {
        calls += 1;
        return [{ address: calls === 1 ? '127.0.0.1' : '127.0.0.3', family: 4 }];
      };
      const result = await safeFetch(`http://pinned.test:${server.port}/`, {
        ...LIMITS,
        lookup,
        policy: { allowHosts: [`pinned.test:${server.port}`] },
      });
      expect(result.body.toString()).toBe('checked');
      expect(calls).toBe(1);
      expect(server.requests[0]?.headers.host).toBe(`pinned.test:${server.port}`);
      expect(decoy?.requests ?? []).toHaveLength(0);
    });

    it('sends a POST with its body and headers (webhooks) and returns non-2xx statuses', async () => {
      const hook = await start((req, res, body) => {
        const status = req.url === '/fail' ? 500 : 202;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ got: body.toString(), ct: req.headers['content-type'] }));
      });
      const payload = JSON.stringify({ event: 'task.completed', id: 't1' });
      const options = {
        ...LIMITS,
        method: 'POST' as const,
        body: payload,
        headers: { 'content-type': 'application/json', 'x-gradekit-signature': 'sig' },
        policy: { allowHosts: [hook.hostPort] },
      };
      const ok = await safeFetch(`${hook.origin}/hook`, options);
      expect(ok.status).toBe(202);
      expect(JSON.parse(ok.body.toString())).toEqual({ got: payload, ct: 'application/json' });
      expect(hook.requests[0]).toMatchObject({ method: 'POST', url: '/hook' });
      expect(hook.requests[0]?.headers['x-gradekit-signature']).toBe('sig');
      expect(hook.requests[0]?.headers['content-length']).toBe(String(Buffer.byteLength(payload)));
      const failed = await safeFetch(`${hook.origin}/fail`, options);
      expect(failed.status).toBe(500); // the webhook deliverer decides about retries
    });

    it('fails a GET with a non-2xx status and reports the status', async () => {
      const error = await failure(safeFetch(`${files.origin}/missing`, { ...LIMITS, policy: { allowHosts: [files.hostPort] } }));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]).toMatchObject({ reason: 'status', status: 404 });
    });

    it('ignores a caller-supplied Host header', async () => {
      await safeFetch(`${files.origin}/h`, { ...LIMITS, headers: { Host: 'metadata.internal' }, policy: { allowHosts: [files.hostPort] } });
      expect(files.requests.at(-1)?.headers.host).toBe(files.hostPort);
    });
  });

  describe('refused targets (nothing reaches the server)', () => {
    it.each([
      'http://127.0.0.1:PORT/image.png',
      'http://localhost:PORT/image.png',
      'http://2130706433:PORT/image.png',
      'http://0x7f.0.0.1:PORT/image.png',
      'http://0177.0.0.1:PORT/image.png',
      'http://[::ffff:127.0.0.1]:PORT/image.png',
      'http://0.0.0.0:PORT/image.png',
    ])('refuses %s by default', async (template) => {
      const before = files.requests.length;
      const error = await failure(safeFetch(template.replace('PORT', String(files.port)), LIMITS));
      expect(error.code).toBe('URL_NOT_ALLOWED');
      expect(['loopback', 'unspecified']).toContain(error.details[0]?.reason);
      expect(files.requests.length).toBe(before);
    });

    it('refuses a name that resolves to a private address, without leaking the address', async () => {
      const lookup: LookupFn = async (name) => (name === 'evil.test' ? [{ address: '10.0.0.5', family: 4 }] : []);
      const error = await failure(safeFetch('http://evil.test/a.png', { ...LIMITS, lookup }));
      expect(error.code).toBe('URL_NOT_ALLOWED');
      expect(error.details[0]).toMatchObject({ host: 'evil.test', reason: 'private' });
      expect(JSON.stringify(error.toJSON())).not.toContain('10.0.0.5');
    });

    it('refuses a name when any one of its addresses is not public', async () => {
      const lookup: LookupFn = async () => [
        { address: '93.184.216.34', family: 4 },
        { address: 'fd00::1', family: 6 },
      ];
      const error = await failure(safeFetch('http://mixed.test/', { ...LIMITS, lookup }));
      expect(error.code).toBe('URL_NOT_ALLOWED');
      expect(error.details[0]?.reason).toBe('private');
    });

    it('refuses non-http schemes', async () => {
      for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1:6379/_', 'data:,hi']) {
        expect((await failure(safeFetch(url, LIMITS))).code).toBe('URL_NOT_ALLOWED');
      }
    });

    it('reports an unresolvable name as URL_FETCH_FAILED', async () => {
      const lookup: LookupFn = async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      };
      const error = await failure(safeFetch('http://nowhere.test/', { ...LIMITS, lookup }));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]).toMatchObject({ reason: 'dns', host: 'nowhere.test' });
    });

    it('reports a refused connection as URL_FETCH_FAILED', async () => {
      const gone = await startServer(() => undefined);
      await gone.close();
      const error = await failure(safeFetch(`${gone.origin}/`, { ...LIMITS, policy: { allowHosts: [gone.hostPort] } }));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]).toMatchObject({ reason: 'connect', code: 'ECONNREFUSED' });
    });
  });

  describe('redirects', () => {
    it('follows redirects between allowed hosts and reports the final URL', async () => {
      const hop = await start((req, res) => {
        if (req.url === '/start') return void res.writeHead(302, { location: '/middle' }).end();
        if (req.url === '/middle') return void res.writeHead(301, { location: `${files.origin}/image.png` }).end();
      });
      const result = await safeFetch(`${hop.origin}/start`, { ...LIMITS, policy: { allowHosts: [hop.hostPort, files.hostPort] } });
      expect(result.body.equals(PAYLOAD)).toBe(true);
      expect(result.finalUrl).toBe(`${files.origin}/image.png`);
    });

    it('refuses a redirect from an allowed host to the cloud metadata address', async () => {
      const hop = await start((_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
      const error = await failure(safeFetch(`${hop.origin}/`, { ...LIMITS, policy: { allowHosts: [hop.hostPort] } }));
      expect(error.code).toBe('URL_NOT_ALLOWED');
      expect(error.details[0]).toMatchObject({ host: '169.254.169.254', reason: 'link-local' });
    });

    it('refuses a redirect from an allowed host to a private address that is not allowed', async () => {
      const internal = await start((_req, res) => void res.writeHead(200).end('internal secret'), '127.0.0.2');
      const hop = await start((_req, res) => void res.writeHead(307, { location: `${internal.origin}/admin` }).end());
      const error = await failure(safeFetch(`${hop.origin}/`, { ...LIMITS, policy: { allowHosts: [hop.hostPort] } }));
      expect(error.code).toBe('URL_NOT_ALLOWED');
      expect(error.details[0]).toMatchObject({ host: '127.0.0.2', reason: 'loopback' });
      expect(internal.requests).toHaveLength(0);
      // Control: the same chain succeeds once the target is allowed too, so the refusal above was the guard's.
      const ok = await safeFetch(`${hop.origin}/`, { ...LIMITS, policy: { allowHosts: [hop.hostPort, internal.hostPort] } });
      expect(ok.body.toString()).toBe('internal secret');
      expect(internal.requests).toHaveLength(1);
    });

    it('refuses a redirect to a non-http scheme', async () => {
      const hop = await start((_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end());
      const error = await failure(safeFetch(`${hop.origin}/`, { ...LIMITS, policy: { allowHosts: [hop.hostPort] } }));
      expect(error.code).toBe('URL_NOT_ALLOWED');
      expect(error.details[0]?.reason).toBe('scheme');
    });

    it('stops after maxRedirects', async () => {
      const loop = await start((req, res) => {
        const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0);
        if (n < 3) return void res.writeHead(302, { location: `/?n=${n + 1}` }).end();
        res.writeHead(200).end(`arrived after ${n}`);
      });
      const policy = { allowHosts: [loop.hostPort] };
      // Exactly three redirects is within the default limit of 3...
      expect((await safeFetch(`${loop.origin}/?n=0`, { ...LIMITS, policy })).body.toString()).toBe('arrived after 3');
      // ...one more is not.
      const error = await failure(safeFetch(`${loop.origin}/?n=0`, { ...LIMITS, policy, maxRedirects: 2 }));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]?.reason).toBe('too_many_redirects');
      expect((await failure(safeFetch(`${loop.origin}/?n=2`, { ...LIMITS, policy, maxRedirects: 0 }))).details[0]?.reason).toBe(
        'too_many_redirects',
      );
    });

    it('drops Authorization and Cookie on a cross-origin redirect but keeps them on the same origin', async () => {
      const target = await start((_req, res) => void res.writeHead(200).end('ok'));
      const hop = await start((req, res) => {
        if (req.url === '/same') return void res.writeHead(302, { location: '/cross' }).end();
        res.writeHead(302, { location: `${target.origin}/landing` }).end();
      });
      const headers = { authorization: 'Bearer secret', cookie: 'session=1', 'x-trace': 't' };
      await safeFetch(`${hop.origin}/same`, { ...LIMITS, headers, policy: { allowHosts: [hop.hostPort, target.hostPort] } });
      expect(hop.requests[1]?.headers.authorization).toBe('Bearer secret'); // /cross, same origin
      // Pick the redirected request itself: under load a port can be reused from an
      // earlier test's server, and stray connections must not be mistaken for it.
      const landing = target.requests.find((request) => request.url === '/landing');
      expect(landing).toBeDefined();
      expect(landing?.headers.authorization).toBeUndefined();
      expect(landing?.headers.cookie).toBeUndefined();
      expect(landing?.headers['x-trace']).toBe('t');
    });

    it('turns a POST into a bodiless GET on 303, and refuses to resend a body cross-origin on 307', async () => {
      const target = await start((req, res, body) => void res.writeHead(200).end(`${req.method} ${body.length}`));
      const hop = await start((req, res) => {
        if (req.url === '/see-other') return void res.writeHead(303, { location: `${target.origin}/done` }).end();
        res.writeHead(307, { location: `${target.origin}/again` }).end();
      });
      const options = { ...LIMITS, method: 'POST' as const, body: 'payload', policy: { allowHosts: [hop.hostPort, target.hostPort] } };
      expect((await safeFetch(`${hop.origin}/see-other`, options)).body.toString()).toBe('GET 0');
      const error = await failure(safeFetch(`${hop.origin}/temporary`, options));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]?.reason).toBe('cross_origin_body');
      expect(target.requests.map((r) => r.url)).toEqual(['/done']);
    });

    it('returns a 3xx as it is with followRedirects: false (webhooks: a redirect is a failed attempt)', async () => {
      const target = await start((_req, res) => void res.writeHead(200).end('followed'));
      const hop = await start((_req, res) => void res.writeHead(308, { location: `${target.origin}/moved` }).end());
      const options = { ...LIMITS, method: 'POST' as const, body: 'signed', followRedirects: false, policy: { allowHosts: [hop.hostPort, target.hostPort] } };
      const result = await safeFetch(`${hop.origin}/hook`, options);
      expect(result.status).toBe(308);
      expect(result.headers.location).toBe(`${target.origin}/moved`);
      expect(result.finalUrl).toBe(`${hop.origin}/hook`);
      expect(target.requests).toHaveLength(0);
    });
  });

  describe('limits', () => {
    it('aborts a streamed body (no Content-Length) past maxBytes', async () => {
      let serverSawClose = false;
      const flood = await start((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked: no length up front
        res.on('close', () => {
          serverSawClose = true;
        });
        const chunk = Buffer.alloc(16 * 1024, 1);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump(); // endless: only the client closing stops it
      });
      const started = Date.now();
      const error = await failure(safeFetch(`${flood.origin}/`, { maxBytes: 100_000, timeoutMs: 10_000, policy: { allowHosts: [flood.hostPort] } }));
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(Date.now() - started).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(serverSawClose).toBe(true);
    });

    it('refuses a too-large Content-Length before reading the body', async () => {
      const big = await start((_req, res) => {
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        res.write(Buffer.alloc(10)); // then stall: only the header can end this quickly
      });
      const started = Date.now();
      const error = await failure(safeFetch(`${big.origin}/`, { maxBytes: 1024 * 1024, timeoutMs: 10_000, policy: { allowHosts: [big.hostPort] } }));
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('accepts a body of exactly maxBytes', async () => {
      const result = await safeFetch(`${files.origin}/image.png`, { maxBytes: PAYLOAD.length, timeoutMs: 5000, policy: { allowHosts: [files.hostPort] } });
      expect(result.body.length).toBe(PAYLOAD.length);
    });

    it('times out a server that never answers', async () => {
      const silent = await start(() => undefined);
      const started = Date.now();
      const error = await failure(safeFetch(`${silent.origin}/`, { maxBytes: 1000, timeoutMs: 300, policy: { allowHosts: [silent.hostPort] } }));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]).toMatchObject({ reason: 'timeout', timeoutMs: 300 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('times out the whole transfer, not just idle gaps (a trickling body)', async () => {
      const trickle = await start((_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 50);
        res.on('close', () => clearInterval(timer));
      });
      const started = Date.now();
      const error = await failure(safeFetch(`${trickle.origin}/`, { maxBytes: 1_000_000, timeoutMs: 500, policy: { allowHosts: [trickle.hostPort] } }));
      expect(error.code).toBe('URL_FETCH_FAILED');
      expect(error.details[0]?.reason).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('counts a slow DNS answer against the same deadline', async () => {
      const lookup: LookupFn = () => new Promise(() => undefined); // never resolves
      const started = Date.now();
      const error = await failure(safeFetch('http://slow-dns.test/', { maxBytes: 1000, timeoutMs: 200, lookup }));
      expect(error.details[0]?.reason).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('rejects nonsensical options', async () => {
      expect((await failure(safeFetch(`${files.origin}/`, { maxBytes: 0, timeoutMs: 100 }))).code).toBe('VALIDATION_ERROR');
      expect((await failure(safeFetch(`${files.origin}/`, { maxBytes: 10, timeoutMs: 100, body: 'x' }))).code).toBe('VALIDATION_ERROR');
    });
  });

  describe('https', () => {
    it('verifies certificates and sends the host name (not the pinned IP) as SNI', async () => {
      // A throwaway self-signed certificate, made here so no key is committed.
      const dir = mkdtempSync(path.join(tmpdir(), 'gk-tls-'));
      try {
        execFileSync('openssl', [
          'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=images.test',
          '-addext', 'subjectAltName=DNS:images.test', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
        ], { stdio: 'ignore' });
        const sniNames: string[] = [];
        const server = createTlsServer(
          {
            key: readFileSync(path.join(dir, 'key.pem')),
            cert: readFileSync(path.join(dir, 'cert.pem')),
            SNICallback: (name, callback) => {
              sniNames.push(name);
              callback(null, undefined);
            },
          },
          (_req, res) => void res.writeHead(200).end('tls'),
        );
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const { port } = server.address() as AddressInfo;
        try {
          const lookup: LookupFn = async () => [{ address: '127.0.0.1', family: 4 }];
          const error = await failure(
            safeFetch(`https://images.test:${port}/a.png`, { ...LIMITS, lookup, policy: { allowHosts: [`images.test:${port}`] } }),
          );
          expect(error.code).toBe('URL_FETCH_FAILED');
          expect(error.details[0]).toMatchObject({ reason: 'connect', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
          expect(sniNames).toEqual(['images.test']);
        } finally {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
