import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '@gradekit/contracts';
import { buildObjectKey, ownerPrefix } from '../object-key';
import type { StorageDriver } from '../storage-driver.interface';

/**
 * The behaviour every StorageDriver must share, run by each driver's integration spec
 * against the real backend (a temp dir, a real s3rver). Presigned URLs are exercised
 * over real HTTP: S3's are served by s3rver, the local driver's by a stand-in of the
 * api's route (test-support/local-presign.server.ts).
 */
export interface StorageDriverHarness {
  driver: StorageDriver;
  close(): Promise<void>;
  /**
   * false when the backend itself does not replace an object atomically (s3rver writes the
   * object file in place: lib/stores/filesystem.js, createWriteStream on the object path), so
   * concurrent puts may interleave there while S3 and MinIO keep the last complete one.
   */
  atomicOverwrites?: boolean;
}

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code']): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const INVALID_KEYS = ['', '../x', 'a/../b', '/abs', 'a\\b', 'a//b', 'a/./b', 'a/', 'a\nb', 'a b', 'ü', 'x'.repeat(1025)];

export function describeStorageDriverContract(name: string, setup: () => Promise<StorageDriverHarness>): void {
  describe(`StorageDriver contract: ${name}`, () => {
    let harness: StorageDriverHarness;
    let driver: StorageDriver;
    let scratch: string;
    // A fresh owner per test keeps tests independent inside one shared backend.
    let owner: string;

    beforeAll(async () => {
      harness = await setup();
      driver = harness.driver;
      scratch = await mkdtemp(path.join(tmpdir(), 'gk-storage-scratch-'));
    });
    afterAll(async () => {
      await harness?.close();
      await rm(scratch, { recursive: true, force: true });
    });
    beforeEach(() => {
      owner = randomUUID();
    });

    it('ping resolves for a usable backend', async () => {
      await expect(driver.ping()).resolves.toBeUndefined();
    });

    it('put then get returns the same bytes, and head describes them', async () => {
      const key = `${ownerPrefix(owner)}images/a.bin`;
      const body = randomBytes(50_000);
      const before = Date.now();
      const info = await driver.put(key, body, 'image/jpeg');
      expect(info).toMatchObject({ key, bytes: body.length, contentType: 'image/jpeg' });
      expect((await driver.get(key)).equals(body)).toBe(true);
      const head = await driver.head(key);
      expect(head).toMatchObject({ key, bytes: body.length, contentType: 'image/jpeg' });
      // S3's Last-Modified has whole seconds; allow for that and for clock rounding.
      expect(head!.modifiedAt.getTime()).toBeGreaterThanOrEqual(before - 2000);
      expect(head!.modifiedAt.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    });

    it('put overwrites bytes and content type', async () => {
      const key = `${ownerPrefix(owner)}images/over.bin`;
      await driver.put(key, Buffer.from('first version, longer'), 'image/png');
      await driver.put(key, Buffer.from('second'), 'image/webp');
      expect((await driver.get(key)).toString()).toBe('second');
      expect(await driver.head(key)).toMatchObject({ bytes: 6, contentType: 'image/webp' });
    });

    it('derives the content type from the extension when none is given', async () => {
      const png = `${ownerPrefix(owner)}images/pic.PNG`;
      const unknown = `${ownerPrefix(owner)}images/blob.xyz`;
      expect((await driver.put(png, Buffer.from('p'))).contentType).toBe('image/png');
      expect((await driver.put(unknown, Buffer.from('u'))).contentType).toBe('application/octet-stream');
      expect((await driver.head(png))?.contentType).toBe('image/png');
      expect((await driver.head(unknown))?.contentType).toBe('application/octet-stream');
    });

    it('stores zero-byte objects', async () => {
      const key = `${ownerPrefix(owner)}images/empty.bin`;
      await driver.put(key, Buffer.alloc(0));
      expect((await driver.get(key)).length).toBe(0);
      expect((await driver.head(key))?.bytes).toBe(0);
    });

    it('get of a missing key is NOT_FOUND and head is null', async () => {
      const key = `${ownerPrefix(owner)}images/missing.jpg`;
      await expectDomainError(driver.get(key), 'NOT_FOUND');
      expect(await driver.head(key)).toBeNull();
    });

    it('a key that is only a prefix of other keys is not an object', async () => {
      await driver.put(`${ownerPrefix(owner)}images/x.jpg`, Buffer.from('x'));
      expect(await driver.head(`${ownerPrefix(owner)}images`)).toBeNull();
      await expectDomainError(driver.get(`${ownerPrefix(owner)}images`), 'NOT_FOUND');
      await expectDomainError(driver.getToFile(`${ownerPrefix(owner)}images`, path.join(scratch, randomUUID())), 'NOT_FOUND');
      expect(await driver.delete(`${ownerPrefix(owner)}images`)).toBe(false);
      expect(await driver.head(`${ownerPrefix(owner)}images/x.jpg`)).not.toBeNull();
    });

    it('putFile and getToFile move a multi-megabyte file intact', async () => {
      const key = `${ownerPrefix(owner)}videos/clip.mp4`;
      const source = path.join(scratch, `${randomUUID()}.mp4`);
      const target = path.join(scratch, `${randomUUID()}-out.mp4`);
      const body = randomBytes(6 * 1024 * 1024 + 123);
      await writeFile(source, body);
      const info = await driver.putFile(key, source);
      expect(info).toMatchObject({ key, bytes: body.length, contentType: 'video/mp4' });
      await driver.getToFile(key, target);
      expect((await readFile(target)).equals(body)).toBe(true);
      expect(await driver.head(key)).toMatchObject({ bytes: body.length, contentType: 'video/mp4' });
    });

    it('getToFile of a missing key is NOT_FOUND and writes nothing', async () => {
      const target = path.join(scratch, `${randomUUID()}-never.bin`);
      await expectDomainError(driver.getToFile(`${ownerPrefix(owner)}videos/none.mp4`, target), 'NOT_FOUND');
      await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('putFile with move stores the file and takes it away from the caller', async () => {
      const key = `${ownerPrefix(owner)}videos/moved.mp4`;
      const source = path.join(scratch, `${randomUUID()}.mp4`);
      const body = randomBytes(300_000);
      await writeFile(source, body);
      expect(await driver.putFile(key, source, undefined, { move: true })).toMatchObject({ key, bytes: body.length, contentType: 'video/mp4' });
      await expect(stat(source)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await driver.get(key)).equals(body)).toBe(true);
    });

    it('getStream streams the whole object or an inclusive byte range', async () => {
      const key = `${ownerPrefix(owner)}videos/stream.mp4`;
      const body = randomBytes(3 * 1024 * 1024 + 17);
      await driver.put(key, body);
      expect((await readAll(await driver.getStream(key))).equals(body)).toBe(true);
      expect((await readAll(await driver.getStream(key, { start: 1000, end: 1999 }))).equals(body.subarray(1000, 2000))).toBe(true);
      expect((await readAll(await driver.getStream(key, { start: body.length - 5 }))).equals(body.subarray(body.length - 5))).toBe(true);
      // (Not end 0: s3rver reads `bytes=0-0` as the whole object, a bug of the test server; S3 does not.)
      expect((await readAll(await driver.getStream(key, { start: 0, end: 1 }))).equals(body.subarray(0, 2))).toBe(true);
      // An end past the object is cut at its last byte, as in HTTP.
      expect((await readAll(await driver.getStream(key, { start: 10, end: body.length + 100 }))).equals(body.subarray(10))).toBe(true);
    });

    it('getStream of a missing key (or a folder of keys) is NOT_FOUND; a range past the end or a bad range is VALIDATION_ERROR', async () => {
      await expectDomainError(driver.getStream(`${ownerPrefix(owner)}videos/none.mp4`), 'NOT_FOUND');
      const key = `${ownerPrefix(owner)}videos/short.mp4`;
      await driver.put(key, Buffer.from('0123456789'));
      await expectDomainError(driver.getStream(`${ownerPrefix(owner)}videos`), 'NOT_FOUND');
      await expectDomainError(driver.getStream(key, { start: 10 }), 'VALIDATION_ERROR');
      await expectDomainError(driver.getStream(key, { start: 5, end: 4 }), 'VALIDATION_ERROR');
      await expectDomainError(driver.getStream(key, { start: -1 }), 'VALIDATION_ERROR');
      await expectDomainError(driver.getStream('../x'), 'VALIDATION_ERROR');
    });

    it('delete reports whether the object existed', async () => {
      const key = `${ownerPrefix(owner)}results/r.png`;
      await driver.put(key, Buffer.from('r'));
      expect(await driver.delete(key)).toBe(true);
      expect(await driver.head(key)).toBeNull();
      await expectDomainError(driver.get(key), 'NOT_FOUND');
      expect(await driver.delete(key)).toBe(false);
    });

    it('deletePrefix deletes exactly the keys under the prefix', async () => {
      const other = `${owner}x`; // shares the string "u/<owner>" but not the prefix "u/<owner>/"
      const mine = [`images/1.jpg`, `images/2.jpg`, `results/deep/3.png`, `videos/4.mp4`].map((k) => `${ownerPrefix(owner)}${k}`);
      const theirs = [`${ownerPrefix(other)}images/1.jpg`];
      for (const key of [...mine, ...theirs]) await driver.put(key, Buffer.from(key));
      expect(await driver.deletePrefix(`${ownerPrefix(owner)}images/`)).toBe(2);
      expect(await driver.head(mine[0]!)).toBeNull();
      expect(await driver.head(mine[2]!)).not.toBeNull();
      expect(await driver.deletePrefix(ownerPrefix(owner))).toBe(2);
      for (const key of mine) expect(await driver.head(key)).toBeNull();
      expect((await driver.get(theirs[0]!)).toString()).toBe(theirs[0]);
      expect(await driver.deletePrefix(ownerPrefix(owner))).toBe(0);
    });

    it('deletePrefix matches string prefixes like S3 does', async () => {
      await driver.put(`${ownerPrefix(owner)}images/abc.jpg`, Buffer.from('1'));
      await driver.put(`${ownerPrefix(owner)}images/abd.jpg`, Buffer.from('2'));
      await driver.put(`${ownerPrefix(owner)}images/b.jpg`, Buffer.from('3'));
      expect(await driver.deletePrefix(`${ownerPrefix(owner)}images/ab`)).toBe(2);
      expect(await driver.head(`${ownerPrefix(owner)}images/b.jpg`)).not.toBeNull();
    });

    it('accepts keys built by buildObjectKey from hostile file names', async () => {
      const key = buildObjectKey(owner, 'images', '../../Été photo (1).JPG');
      expect(key.startsWith(`${ownerPrefix(owner)}images/`)).toBe(true);
      await driver.put(key, Buffer.from('ok'));
      expect((await driver.head(key))?.contentType).toBe('image/jpeg');
    });

    it('rejects invalid keys and prefixes with VALIDATION_ERROR before touching the backend', async () => {
      for (const key of INVALID_KEYS) {
        await expectDomainError(driver.put(key, Buffer.from('x')), 'VALIDATION_ERROR');
        await expectDomainError(driver.get(key), 'VALIDATION_ERROR');
        await expectDomainError(driver.head(key), 'VALIDATION_ERROR');
        await expectDomainError(driver.delete(key), 'VALIDATION_ERROR');
        await expectDomainError(driver.presignGet(key, 60), 'VALIDATION_ERROR');
      }
      await expectDomainError(driver.deletePrefix(''), 'VALIDATION_ERROR');
      await expectDomainError(driver.deletePrefix('../'), 'VALIDATION_ERROR');
      await expectDomainError(driver.presignPut(`${ownerPrefix(owner)}a.jpg`, 0), 'VALIDATION_ERROR');
      await expectDomainError(driver.presignPut(`${ownerPrefix(owner)}a.jpg`, 8 * 24 * 3600), 'VALIDATION_ERROR');
      for (const maxBytes of [0, -1, 1.5, Number.NaN]) {
        await expectDomainError(driver.presignPut(`${ownerPrefix(owner)}a.mp4`, 60, 'video/mp4', { maxBytes }), 'VALIDATION_ERROR');
      }
      await expectDomainError(driver.put(`${ownerPrefix(owner)}a.jpg`, Buffer.from('x'), 'text/plain\r\nX-Evil: 1'), 'VALIDATION_ERROR');
    });

    it('concurrent puts to one key leave one complete version', async () => {
      const key = `${ownerPrefix(owner)}images/race.bin`;
      const versions = Array.from({ length: 8 }, () => randomBytes(512 * 1024));
      await Promise.all(versions.map((body) => driver.put(key, body)));
      const final = await driver.get(key);
      if (harness.atomicOverwrites === false) {
        // Every put succeeded and the object is whole-sized; which bytes won is the server's affair.
        expect(final.length).toBe(versions[0]!.length);
        return;
      }
      expect(versions.some((body) => body.equals(final))).toBe(true);
    });

    describe('presigned URLs', () => {
      it('a presigned PUT uploads and a presigned GET downloads the same bytes', async () => {
        const key = `${ownerPrefix(owner)}images/upload.png`;
        const body = randomBytes(20_000);
        const putUrl = await driver.presignPut(key, 120, 'image/png');
        const put = await fetch(putUrl, { method: 'PUT', body, headers: { 'content-type': 'image/png' } });
        expect(put.status).toBe(200);
        expect(await driver.head(key)).toMatchObject({ bytes: body.length, contentType: 'image/png' });
        const get = await fetch(await driver.presignGet(key, 120));
        expect(get.status).toBe(200);
        expect(get.headers.get('content-type')).toBe('image/png');
        expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
      });

      it('a presigned GET with a download name answers with Content-Disposition: attachment', async () => {
        const key = `${ownerPrefix(owner)}results/out.jpg`;
        await driver.put(key, Buffer.from('jpeg'));
        const res = await fetch(await driver.presignGet(key, 60, 'graded-final.jpg'));
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toBe('attachment; filename="graded-final.jpg"');
        expect(await res.text()).toBe('jpeg');
      });

      it('refuses a URL whose signature was tampered with', async () => {
        const key = `${ownerPrefix(owner)}images/t.jpg`;
        await driver.put(key, Buffer.from('secret'));
        const url = new URL(await driver.presignGet(key, 60));
        const sigParam = url.searchParams.has('sig') ? 'sig' : 'X-Amz-Signature';
        const sig = url.searchParams.get(sigParam)!;
        url.searchParams.set(sigParam, `${sig[0] === '0' ? '1' : '0'}${sig.slice(1)}`);
        const res = await fetch(url);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain('secret');
      });

      it('refuses a URL signed for another key (reading or writing)', async () => {
        const signedKey = `${ownerPrefix(owner)}images/mine.jpg`;
        const victimKey = `${ownerPrefix(owner)}images/victim.jpg`;
        await driver.put(victimKey, Buffer.from('victim'));
        const getUrl = (await driver.presignGet(signedKey, 60)).replace(signedKey, victimKey);
        expect((await fetch(getUrl)).status).toBe(403);
        const putUrl = (await driver.presignPut(signedKey, 60)).replace(signedKey, victimKey);
        const put = await fetch(putUrl, { method: 'PUT', body: Buffer.from('overwritten') });
        expect(put.status).toBe(403);
        expect((await driver.get(victimKey)).toString()).toBe('victim');
      });

      it('refuses a GET URL used for PUT', async () => {
        const key = `${ownerPrefix(owner)}images/ro.jpg`;
        await driver.put(key, Buffer.from('read only'));
        const res = await fetch(await driver.presignGet(key, 60), { method: 'PUT', body: Buffer.from('x') });
        expect(res.status).toBe(403);
        expect((await driver.get(key)).toString()).toBe('read only');
      });

      it('refuses an expired URL', async () => {
        const key = `${ownerPrefix(owner)}images/old.jpg`;
        await driver.put(key, Buffer.from('old'));
        // 2 s, not 1: S3 counts from X-Amz-Date, which is truncated to the second.
        const url = await driver.presignGet(key, 2);
        expect((await fetch(url)).status).toBe(200); // control: valid before expiry
        await new Promise((resolve) => setTimeout(resolve, 3100));
        expect((await fetch(url)).status).toBe(403);
      });
    });
  });
}
