import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DomainError } from '@gradekit/contracts';
import { LOCAL_OBJECT_ROUTE, localSignatureParamsFromQuery, verifyLocalSignature } from './local-signature';
import { LocalStorageDriver, localTempDir } from './local-storage.driver';
import { createStorageDriver } from './storage-driver.factory';
import { startLocalPresignServer } from './test-support/local-presign.server';
import { describeStorageDriverContract } from './test-support/storage-driver.contract';

const SECRET = 'local-presign-test-secret-0123456789';

describeStorageDriverContract('local', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gk-local-contract-'));
  const server = await startLocalPresignServer();
  const driver = createStorageDriver({ driver: 'local', dataDir, publicBaseUrl: server.baseUrl, signingSecret: SECRET });
  server.attach(driver, SECRET);
  return {
    driver,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('LocalStorageDriver on disk', () => {
  let dataDir: string;
  let driver: LocalStorageDriver;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gk-local-'));
    driver = new LocalStorageDriver({ dataDir, publicBaseUrl: 'https://api.example.com/', signingSecret: SECRET });
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores the object at <dataDir>/objects/<key> and leaves no temp files', async () => {
    await driver.put('u/1/images/a.jpg', Buffer.from('abc'), 'image/jpeg');
    expect(await readFile(path.join(dataDir, 'objects', 'u', '1', 'images', 'a.jpg'), 'utf8')).toBe('abc');
    expect(JSON.parse(await readFile(path.join(dataDir, 'meta', 'u', '1', 'images', 'a.jpg~meta.json'), 'utf8'))).toEqual({
      contentType: 'image/jpeg',
    });
    expect(await readdir(path.join(dataDir, 'tmp'))).toEqual([]);
  });

  it('an interrupted write (a leftover temp file) is invisible', async () => {
    await driver.put('u/1/images/a.jpg', Buffer.from('complete'));
    // What a crash mid-write leaves: a partial file in tmp/, never under objects/.
    await writeFile(path.join(dataDir, 'tmp', randomUUID()), 'half');
    expect((await driver.get('u/1/images/a.jpg')).toString()).toBe('complete');
    expect(await driver.deletePrefix('u/')).toBe(1);
  });

  it('falls back to the extension when the sidecar is missing (files copied in by hand)', async () => {
    await driver.put('u/1/images/b.webp', Buffer.from('w'), 'image/webp');
    await rm(path.join(dataDir, 'meta'), { recursive: true });
    expect((await driver.head('u/1/images/b.webp'))?.contentType).toBe('image/webp');
  });

  it('deletePrefix removes the emptied folders too', async () => {
    await driver.put('u/1/images/a.jpg', Buffer.from('a'));
    await driver.put('u/1/results/x/b.jpg', Buffer.from('b'));
    await driver.put('u/2/images/c.jpg', Buffer.from('c'));
    expect(await driver.deletePrefix('u/1/')).toBe(2);
    expect(await readdir(path.join(dataDir, 'objects', 'u'))).toEqual(['2']);
    expect(await readdir(path.join(dataDir, 'meta', 'u'))).toEqual(['2']);
  });

  it('a key that needs an existing object to be a folder is a CONFLICT, and the object survives', async () => {
    await driver.put('u/1/images', Buffer.from('file'));
    const error = await driver.put('u/1/images/a.jpg', Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('CONFLICT');
    expect((await driver.get('u/1/images')).toString()).toBe('file');
  });

  it('presigned URLs point at the api route and verify with verifyLocalSignature', async () => {
    const now = Date.now();
    const put = new URL(await driver.presignPut('u/1/images/a.png', 300, 'image/png'));
    expect(`${put.origin}${put.pathname}`).toBe(`https://api.example.com${LOCAL_OBJECT_ROUTE}u/1/images/a.png`);
    expect(put.searchParams.get('op')).toBe('put');
    expect(put.searchParams.get('ct')).toBe('image/png');
    const expires = Number(put.searchParams.get('expires'));
    expect(expires).toBeGreaterThanOrEqual(Math.floor(now / 1000) + 300);
    expect(expires).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
    const params = localSignatureParamsFromQuery('u/1/images/a.png', Object.fromEntries(put.searchParams));
    expect(verifyLocalSignature(SECRET, params)).toBe('ok');
    expect(verifyLocalSignature(SECRET, params, (expires + 1) * 1000)).toBe('expired');
    expect(verifyLocalSignature('another-secret', params)).toBe('bad-signature');
  });

  it('putFile with move renames a file from localTempDir into place (the same inode, no copy) and leaves tmp/ empty', async () => {
    await driver.ping(); // creates the folders
    const source = path.join(localTempDir(dataDir), `${randomUUID()}.upload`);
    await writeFile(source, 'video bytes');
    const { ino } = await stat(source);
    await driver.putFile('u/1/videos/v.mp4', source, 'video/mp4', { move: true });
    const stored = path.join(dataDir, 'objects', 'u', '1', 'videos', 'v.mp4');
    expect((await stat(stored)).ino).toBe(ino);
    expect(await readFile(stored, 'utf8')).toBe('video bytes');
    expect(await readdir(localTempDir(dataDir))).toEqual([]);
    expect((await driver.head('u/1/videos/v.mp4'))?.contentType).toBe('video/mp4');
  });

  it('putFile without move copies and leaves the caller its file', async () => {
    const source = path.join(dataDir, 'mine.mp4');
    await writeFile(source, 'keep me');
    await driver.putFile('u/1/videos/c.mp4', source);
    expect(await readFile(source, 'utf8')).toBe('keep me');
    expect((await driver.get('u/1/videos/c.mp4')).toString()).toBe('keep me');
  });

  it('signs maxBytes into presigned PUT URLs as mb', async () => {
    const url = new URL(await driver.presignPut('u/1/videos/v.mp4', 300, 'video/mp4', { maxBytes: 52_428_800 }));
    expect(url.searchParams.get('mb')).toBe('52428800');
    const params = localSignatureParamsFromQuery('u/1/videos/v.mp4', Object.fromEntries(url.searchParams));
    expect(params.maxBytes).toBe('52428800');
    expect(verifyLocalSignature(SECRET, params)).toBe('ok');
    expect(verifyLocalSignature(SECRET, { ...params, maxBytes: '52428801' })).toBe('bad-signature');
    expect(new URL(await driver.presignPut('u/1/images/a.png', 300, 'image/png')).searchParams.has('mb')).toBe(false);
  });

  it('has no multipart uploads: supportsMultipart is false and the methods fail loudly', async () => {
    expect(driver.supportsMultipart).toBe(false);
    for (const attempt of [
      driver.createMultipartUpload('u/1/videos/v.mp4', 'video/mp4'),
      driver.presignUploadPart('u/1/videos/v.mp4', 'id', 1, 60),
      driver.completeMultipartUpload('u/1/videos/v.mp4', 'id', [{ partNumber: 1, etag: 'e' }]),
      driver.abortMultipartUpload('u/1/videos/v.mp4', 'id'),
    ]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INTERNAL');
    }
  });

  it('ping fails with SERVICE_UNAVAILABLE when dataDir cannot be used', async () => {
    const blocker = path.join(dataDir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const broken = new LocalStorageDriver({ dataDir: blocker, publicBaseUrl: 'http://x', signingSecret: SECRET });
    const error = await broken.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('SERVICE_UNAVAILABLE');
    await expect(driver.ping()).resolves.toBeUndefined();
    expect((await stat(path.join(dataDir, 'objects'))).isDirectory()).toBe(true);
  });
});
