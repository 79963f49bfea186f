import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { localTempDir, type StorageDriver } from '@gradekit/storage';
import { startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
import { STORAGE } from './storage.provider';

const MiB = 1024 * 1024;
const VIDEO_BYTES = 50 * MiB;
/**
 * Far below the 50 MB that buffering one upload adds (measured: ~50 MB on both counts
 * when the route buffers; streaming, live memory grows < 1 MB and RSS 0–14 MB from
 * allocator noise, hence the wider RSS bound).
 */
// Well under the 50 MB file, which a whole-file buffer would add: the defect this guards. 35, not
// 25: a ranged GET once peaked at 27 MiB on CI, the other allocations of a shared Jest worker included.
const MAX_LIVE_GROWTH = 35 * MiB;
const MAX_RSS_GROWTH = 40 * MiB;

/**
 * HTTP client in a child process, so the only memory measured here is the api's: PUTs
 * a file as a streamed (chunked) body, or GETs a URL and hashes what arrives.
 */
const CLIENT = `
const { createReadStream } = require('node:fs');
const { createHash } = require('node:crypto');
const { Readable } = require('node:stream');
const [mode, url, arg] = process.argv.slice(1);
(async () => {
  if (mode === 'put') {
    const res = await fetch(url, { method: 'PUT', body: Readable.toWeb(createReadStream(arg)), duplex: 'half', headers: { 'content-type': 'video/mp4' } });
    console.log(JSON.stringify({ status: res.status, body: await res.text() }));
  } else {
    const res = await fetch(url);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of res.body) { hash.update(chunk); bytes += chunk.length; }
    console.log(JSON.stringify({ status: res.status, bytes, sha256: hash.digest('hex') }));
  }
})().catch((error) => { console.error(error); process.exit(1); });
`;

// A forced collection before each sample measures what the api holds, not garbage the
// next GC would free anyway: buffering one upload shows up as 50 MB, streaming as ~0.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Growth {
  rss: number;
  /** JS heap plus live Buffers (arrayBuffers; not `external`, which also counts freed backing stores until they are swept). */
  heap: number;
}

/** Runs the client while sampling this process's memory; growth is the peak over the level just before. */
async function runClientMeasured(args: string[]): Promise<{ output: Record<string, unknown>; growth: Growth }> {
  collectGarbage();
  const before = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    collectGarbage();
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - before.rss);
    heap = Math.max(heap, now.heapUsed + now.arrayBuffers - (before.heapUsed + before.arrayBuffers));
  };
  // Not more often: a full GC in a long-lived Jest worker (a big heap) takes long enough that
  // sampling every 100 ms starved the api, which runs in this same process, of CPU.
  const timer = setInterval(sample, 400);
  try {
    const child = spawn(process.execPath, ['-e', CLIENT, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    sample();
    if (code !== 0) throw new Error(`client exited with ${code}`);
    return { output: JSON.parse(stdout) as Record<string, unknown>, growth: { rss, heap } };
  } finally {
    clearInterval(timer);
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('local storage route: streamed video-sized uploads and ranged downloads', () => {
  let ctx: ApiTestContext;
  let storage: StorageDriver;
  let origin: string;
  let scratch: string;
  let tempDir: string;

  beforeAll(async () => {
    // The image limit is 1 MB: a video URL's signed limit must replace it, not add to it.
    ctx = await startApiTestApp({ MAX_INPUT_BYTES: '1000000' });
    storage = ctx.app.get<StorageDriver>(STORAGE);
    const server = ctx.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    scratch = await mkdtemp(path.join(tmpdir(), 'gk-stream-'));
    if (ctx.config.storage.driver !== 'local') throw new Error('these tests need the local driver');
    tempDir = localTempDir(ctx.config.storage.dataDir);
  });
  afterAll(async () => {
    await ctx?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  /** A presigned URL of the running app (presigned URLs name PUBLIC_URL, not the test port). */
  const local = (url: string): string => {
    const parsed = new URL(url);
    return `${origin}${parsed.pathname}${parsed.search}`;
  };
  const videoKey = (): string => `u/${randomUUID()}/videos/${randomUUID()}-clip.mp4`;
  const leftovers = async (): Promise<string[]> => (await readdir(tempDir).catch(() => [])).filter((name) => name.endsWith('.upload'));

  it('a 50 MB presigned PUT and its GET stream through the api without its memory growing anywhere near 50 MB', async () => {
    const file = path.join(scratch, 'video.bin');
    await writeFile(file, randomBytes(VIDEO_BYTES));
    const digest = await sha256File(file);
    const key = videoKey();
    const putUrl = local(await storage.presignPut(key, 300, 'video/mp4', { maxBytes: 60 * MiB }));
    // Warm up the route's code paths (and the allocator) so the measurement sees the upload only.
    await runClientMeasured(['put', local(await storage.presignPut(videoKey(), 300, 'video/mp4', { maxBytes: 60 * MiB })), file]);

    const put = await runClientMeasured(['put', putUrl, file]);
    expect(put.output.status).toBe(200);
    expect(JSON.parse(put.output.body as string)).toEqual({ key, bytes: VIDEO_BYTES });
    expect(put.growth.heap).toBeLessThan(MAX_LIVE_GROWTH);
    expect(put.growth.rss).toBeLessThan(MAX_RSS_GROWTH);
    expect(await storage.head(key)).toMatchObject({ bytes: VIDEO_BYTES, contentType: 'video/mp4' });
    expect(await leftovers()).toEqual([]);

    const get = await runClientMeasured(['get', local(await storage.presignGet(key, 300))]);
    expect(get.output).toEqual({ status: 200, bytes: VIDEO_BYTES, sha256: digest });
    expect(get.growth.heap).toBeLessThan(MAX_LIVE_GROWTH);
    expect(get.growth.rss).toBeLessThan(MAX_RSS_GROWTH);
  }, 180_000);

  it('refuses a body over the signed limit with 413 and stores nothing, whether declared or streamed', async () => {
    const key = videoKey();
    const url = local(await storage.presignPut(key, 300, 'video/mp4', { maxBytes: MiB }));
    const body = randomBytes(3 * MiB);

    const declared = await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'video/mp4' } });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ limit: MiB }] });

    // Chunked, so no Content-Length warns the route: the limit must stop the stream itself.
    const chunks = [body.subarray(0, MiB), body.subarray(MiB, 2 * MiB), body.subarray(2 * MiB)];
    const streamed = await fetch(url, {
      method: 'PUT',
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: 'half',
      headers: { 'content-type': 'video/mp4' },
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storage.head(key)).toBeNull();
    expect(await leftovers()).toEqual([]);

    // Control: the same URL takes a body of exactly the limit (1 MiB, more than the 1 MB image limit).
    const exact = await fetch(url, { method: 'PUT', body: body.subarray(0, MiB), headers: { 'content-type': 'video/mp4' } });
    expect(exact.status).toBe(200);
    expect((await storage.head(key))?.bytes).toBe(MiB);
  });

  it('a URL without a signed limit keeps the image limit', async () => {
    const key = videoKey();
    const res = await fetch(local(await storage.presignPut(key, 300, 'video/mp4')), {
      method: 'PUT',
      body: randomBytes(1_000_001),
      headers: { 'content-type': 'video/mp4' },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { details: unknown }).details).toEqual([expect.objectContaining({ limit: 1_000_000 })]);
  });

  it('refuses a URL whose signed limit was raised, stripped or added with 403', async () => {
    const key = videoKey();
    const url = new URL(local(await storage.presignPut(key, 300, 'video/mp4', { maxBytes: MiB })));
    const raised = new URL(url);
    raised.searchParams.set('mb', String(100 * MiB));
    const stripped = new URL(url);
    stripped.searchParams.delete('mb');
    const added = new URL(local(await storage.presignPut(key, 300, 'video/mp4')));
    added.searchParams.set('mb', String(100 * MiB));
    for (const tampered of [raised, stripped, added]) {
      const res = await fetch(tampered, { method: 'PUT', body: Buffer.from('x'), headers: { 'content-type': 'video/mp4' } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN');
    }
    expect(await storage.head(key)).toBeNull();
  });

  it('removes the partial file when the client aborts mid-upload', async () => {
    const key = videoKey();
    const url = local(await storage.presignPut(key, 300, 'video/mp4', { maxBytes: 60 * MiB }));
    let sent = 0;
    const attempt = fetch(url, {
      method: 'PUT',
      body: new ReadableStream({
        pull(controller) {
          sent += 1;
          if (sent > 4) controller.error(new Error('client gave up'));
          else controller.enqueue(randomBytes(MiB));
        },
      }),
      duplex: 'half',
      headers: { 'content-type': 'video/mp4' },
    } as RequestInit);
    await expect(attempt).rejects.toThrow();
    for (let waited = 0; waited < 3000 && (await leftovers()).length > 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(await leftovers()).toEqual([]);
    expect(await storage.head(key)).toBeNull();
  });

  describe('ranged GET', () => {
    let body: Buffer;
    let url: string;
    beforeAll(async () => {
      body = randomBytes(10_000);
      const key = videoKey();
      await storage.put(key, body, 'video/mp4');
      url = local(await storage.presignGet(key, 300));
    });

    it('answers 206 with the requested bytes', async () => {
      for (const [range, start, end] of [
        ['bytes=100-199', 100, 199],
        ['bytes=9990-', 9990, 9999],
        ['bytes=-16', 9984, 9999],
        ['bytes=5000-20000', 5000, 9999],
      ] as const) {
        const res = await fetch(url, { headers: { range } });
        expect(res.status).toBe(206);
        expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/10000`);
        expect(res.headers.get('content-length')).toBe(String(end - start + 1));
        expect(res.headers.get('content-type')).toBe('video/mp4');
        expect(Buffer.from(await res.arrayBuffer()).equals(body.subarray(start, end + 1))).toBe(true);
      }
    });

    it('answers the whole object with 200 and Accept-Ranges without a Range (or with a stale If-Range)', async () => {
      const plain = await fetch(url);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('accept-ranges')).toBe('bytes');
      expect(plain.headers.get('content-length')).toBe('10000');
      expect(Buffer.from(await plain.arrayBuffer()).equals(body)).toBe(true);
      const lastModified = plain.headers.get('last-modified')!;

      const fresh = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': lastModified } });
      expect(fresh.status).toBe(206);
      expect(Buffer.from(await fresh.arrayBuffer()).equals(body.subarray(0, 10))).toBe(true);
      const stale = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': 'Thu, 01 Jan 1970 00:00:00 GMT' } });
      expect(stale.status).toBe(200);
      expect((await stale.arrayBuffer()).byteLength).toBe(10_000);
    });

    it('answers 416 with the size for a range past the end', async () => {
      const res = await fetch(url, { headers: { range: 'bytes=10000-' } });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe('bytes */10000');
    });

    it('answers HEAD with the headers only', async () => {
      const res = await fetch(url, { method: 'HEAD', headers: { range: 'bytes=0-99' } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-length')).toBe('100');
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    });
  });
});
