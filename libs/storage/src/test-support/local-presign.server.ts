import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDomainError } from '@gradekit/contracts';
import { contentDisposition } from '../content-disposition';
import { LOCAL_OBJECT_ROUTE, localSignatureParamsFromQuery, verifyLocalSignature } from '../local-signature';
import { isValidObjectKey } from '../object-key';
import type { StorageDriver } from '../storage-driver.interface';

/**
 * Test-only stand-in for the api's storage route: the smallest server that serves the
 * local driver's presigned URLs the way the api must (verify, match method to op,
 * enforce the signed content type and byte limit, then call the driver). It buffers
 * bodies (test objects are small); the api's route streams them. It lets the shared contract
 * exercise presigned URLs of both drivers over real HTTP.
 */
export interface LocalPresignServer {
  baseUrl: string;
  attach(driver: StorageDriver, secret: string): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startLocalPresignServer(): Promise<LocalPresignServer> {
  let driver: StorageDriver | null = null;
  let secret = '';
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!driver || !url.pathname.startsWith(LOCAL_OBJECT_ROUTE)) return void res.writeHead(404).end();
    const key = url.pathname.slice(LOCAL_OBJECT_ROUTE.length);
    if (!isValidObjectKey(key)) return void res.writeHead(404).end();
    const params = localSignatureParamsFromQuery(key, Object.fromEntries(url.searchParams));
    const verdict = verifyLocalSignature(secret, params);
    const expectedOp = req.method === 'PUT' ? 'put' : req.method === 'GET' ? 'get' : null;
    if (verdict !== 'ok' || params.op !== expectedOp) return void res.writeHead(403).end(verdict);
    if (params.op === 'put') {
      const sentType = req.headers['content-type'];
      if (params.contentType && sentType !== params.contentType) return void res.writeHead(403).end('content type');
      const body = await readBody(req);
      if (params.maxBytes && body.length > Number(params.maxBytes)) return void res.writeHead(413).end('too large');
      await driver.put(key, body, params.contentType ?? sentType);
      return void res.writeHead(200).end();
    }
    const info = await driver.head(key);
    if (!info) return void res.writeHead(404).end();
    const body = await driver.get(key);
    const headers: Record<string, string> = { 'content-type': info.contentType ?? 'application/octet-stream' };
    if (params.downloadName) headers['content-disposition'] = contentDisposition(params.downloadName);
    res.writeHead(200, headers).end(body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(isDomainError(error) && error.code === 'NOT_FOUND' ? 404 : 500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    attach(nextDriver, nextSecret) {
      driver = nextDriver;
      secret = nextSecret;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
