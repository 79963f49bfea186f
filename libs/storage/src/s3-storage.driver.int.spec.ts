import { randomBytes, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Client } from 'minio';
import { DomainError } from '@gradekit/contracts';
import { S3StorageDriver } from './s3-storage.driver';
import { createStorageDriver } from './storage-driver.factory';
import { MULTIPART_LIMITS, type MultipartPart } from './storage-driver.interface';
import { S3RVER_CREDENTIALS as CREDENTIALS, startS3rver, type RunningS3rver } from './test-support/s3rver.server';
import { describeStorageDriverContract } from './test-support/storage-driver.contract';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describeStorageDriverContract('s3 (s3rver)', async () => {
  const s3 = await startS3rver();
  return { driver: createStorageDriver(s3.options('gradekit-contract')), close: () => s3.close(), atomicOverwrites: false };
});

describe('S3StorageDriver against s3rver', () => {
  let s3: RunningS3rver;
  let admin: Client;

  beforeAll(async () => {
    s3 = await startS3rver();
    admin = new Client({ endPoint: '127.0.0.1', port: s3.port, useSSL: false, ...CREDENTIALS });
  });
  afterAll(() => s3.close());

  it('creates its bucket on first use', async () => {
    const bucket = `lazy-${randomUUID().slice(0, 8)}`;
    const driver = new S3StorageDriver(s3.options(bucket));
    expect(await admin.bucketExists(bucket)).toBe(false);
    await driver.put('u/1/images/a.jpg', Buffer.from('a'));
    expect(await admin.bucketExists(bucket)).toBe(true);
    expect((await admin.statObject(bucket, 'u/1/images/a.jpg')).metaData['content-type']).toBe('image/jpeg');
  });

  it('ping creates a missing bucket and recreates one deleted behind its back', async () => {
    const bucket = `ping-${randomUUID().slice(0, 8)}`;
    const driver = new S3StorageDriver(s3.options(bucket));
    await driver.ping();
    expect(await admin.bucketExists(bucket)).toBe(true);
    await admin.removeBucket(bucket);
    await driver.ping();
    expect(await admin.bucketExists(bucket)).toBe(true);
  });

  it('signs presigned URLs for publicEndpoint, and only that host is accepted', async () => {
    const bucket = `pub-${randomUUID().slice(0, 8)}`;
    const driver = new S3StorageDriver({ ...s3.options(bucket), publicEndpoint: `http://localhost:${s3.port}` });
    await driver.put('u/1/images/p.jpg', Buffer.from('public'));
    const url = await driver.presignGet('u/1/images/p.jpg', 60);
    expect(url.startsWith(`http://localhost:${s3.port}/${bucket}/u/1/images/p.jpg?`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('public');
    // SigV4 signs the Host header: the same URL sent to the internal address is refused.
    expect((await fetch(url.replace('//localhost:', '//127.0.0.1:'))).status).toBe(403);
  });

  it('refuses a presigned URL whose expiry was extended', async () => {
    const driver = new S3StorageDriver(s3.options('tamper'));
    await driver.put('u/1/images/e.jpg', Buffer.from('e'));
    const url = new URL(await driver.presignGet('u/1/images/e.jpg', 60));
    expect((await fetch(url)).status).toBe(200);
    url.searchParams.set('X-Amz-Expires', '600');
    expect((await fetch(url)).status).toBe(403);
  });

  it('accepts a presigned PUT past maxBytes: S3 cannot enforce it, so callers head() afterwards', async () => {
    const driver = new S3StorageDriver(s3.options('limits'));
    const key = `u/${randomUUID()}/videos/big.mp4`;
    const res = await fetch(await driver.presignPut(key, 60, 'video/mp4', { maxBytes: 10 }), { method: 'PUT', body: randomBytes(100) });
    expect(res.status).toBe(200);
    expect((await driver.head(key))?.bytes).toBe(100);
  });

  it('rejects a publicEndpoint with a path', () => {
    expect(() => new S3StorageDriver({ ...s3.options('x'), publicEndpoint: 'https://cdn.example.com/s3' })).toThrow(DomainError);
  });

  it('reports an unreachable server as SERVICE_UNAVAILABLE', async () => {
    const driver = new S3StorageDriver({ ...s3.options('down'), port: await closedPort() });
    for (const attempt of [driver.ping(), driver.get('u/1/a.jpg'), driver.put('u/1/a.jpg', Buffer.from('a'))]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('SERVICE_UNAVAILABLE');
    }
  });

  describe('multipart uploads through presigned part URLs', () => {
    const bucket = 'multipart';
    let driver: S3StorageDriver;
    beforeAll(() => {
      driver = new S3StorageDriver(s3.options(bucket));
    });

    async function putPart(url: string, body: Buffer): Promise<Response> {
      return fetch(url, { method: 'PUT', body });
    }

    async function expectCode(promise: Promise<unknown>, code: DomainError['code']): Promise<void> {
      const error = await promise.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(code);
    }

    it('announces multipart support', () => {
      expect(driver.supportsMultipart).toBe(true);
    });

    it('creates, uploads two parts of 5 MiB+ with plain fetch, completes, and head and bytes match', async () => {
      const key = `u/${randomUUID()}/videos/clip.mp4`;
      const first = randomBytes(MULTIPART_LIMITS.minPartBytes);
      const second = randomBytes(MULTIPART_LIMITS.minPartBytes + 4321);
      const { uploadId } = await driver.createMultipartUpload(key, 'video/mp4');
      expect(uploadId).toEqual(expect.any(String));
      expect(await driver.head(key)).toBeNull(); // nothing visible before completion

      const parts: MultipartPart[] = [];
      // Upload part 2 first: parts may arrive in any order, completion sorts them.
      for (const [partNumber, body] of [[2, second], [1, first]] as const) {
        const url = await driver.presignUploadPart(key, uploadId, partNumber, 300);
        const res = await putPart(url, body);
        expect(res.status).toBe(200);
        const etag = res.headers.get('etag');
        expect(etag).toBeTruthy();
        parts.push({ partNumber, etag: etag! });
      }
      const info = await driver.completeMultipartUpload(key, uploadId, parts);
      const total = first.length + second.length;
      expect(info).toMatchObject({ key, bytes: total, contentType: 'video/mp4' });
      expect(await driver.head(key)).toMatchObject({ bytes: total, contentType: 'video/mp4' });
      expect((await driver.get(key)).equals(Buffer.concat([first, second]))).toBe(true);
      // The upload id is used up: a second completion is NOT_FOUND, an abort finds nothing.
      await expectCode(driver.completeMultipartUpload(key, uploadId, parts), 'NOT_FOUND');
      expect(await driver.abortMultipartUpload(key, uploadId)).toBe(false);
    });

    it('abort discards the parts and leaves nothing at the key', async () => {
      const key = `u/${randomUUID()}/videos/aborted.mp4`;
      const { uploadId } = await driver.createMultipartUpload(key);
      const res = await putPart(await driver.presignUploadPart(key, uploadId, 1, 300), randomBytes(MULTIPART_LIMITS.minPartBytes));
      expect(res.status).toBe(200);
      expect((await stat(s3.uploadDir(bucket, uploadId))).isDirectory()).toBe(true); // control: the part is stored
      expect(await driver.abortMultipartUpload(key, uploadId)).toBe(true);
      await expect(stat(s3.uploadDir(bucket, uploadId))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await driver.head(key)).toBeNull();
      await expectCode(driver.completeMultipartUpload(key, uploadId, [{ partNumber: 1, etag: res.headers.get('etag')! }]), 'NOT_FOUND');
      const late = await putPart(await driver.presignUploadPart(key, uploadId, 2, 300), Buffer.from('late'));
      expect(late.status).toBe(404);
      expect(await driver.abortMultipartUpload(key, uploadId)).toBe(false);
    });

    it('an upload id is bound to its key', async () => {
      const key = `u/${randomUUID()}/videos/a.mp4`;
      const { uploadId } = await driver.createMultipartUpload(key);
      const elsewhere = `u/${randomUUID()}/videos/a.mp4`;
      const res = await putPart(await driver.presignUploadPart(elsewhere, uploadId, 1, 300), Buffer.from('x'));
      expect(res.status).toBe(404);
      await expectCode(driver.completeMultipartUpload(elsewhere, uploadId, [{ partNumber: 1, etag: '"abc"' }]), 'NOT_FOUND');
      expect(await driver.abortMultipartUpload(key, uploadId)).toBe(true);
    });

    it('refuses a part URL whose part number, upload id or expiry was tampered with (403 from s3rver)', async () => {
      const key = `u/${randomUUID()}/videos/t.mp4`;
      const { uploadId } = await driver.createMultipartUpload(key);
      const url = new URL(await driver.presignUploadPart(key, uploadId, 1, 300));
      for (const [name, value] of [['partNumber', '2'], ['uploadId', `${uploadId.slice(0, -1)}${uploadId.endsWith('0') ? '1' : '0'}`], ['X-Amz-Expires', '3000']]) {
        const tampered = new URL(url);
        tampered.searchParams.set(name!, value!);
        expect((await putPart(tampered.toString(), Buffer.from('evil'))).status).toBe(403);
      }
      expect((await putPart(url.toString(), Buffer.from('ok'))).status).toBe(200); // control: the untouched URL works
      expect(await driver.abortMultipartUpload(key, uploadId)).toBe(true);
    });

    it('validates multipart arguments before calling S3', async () => {
      const key = `u/${randomUUID()}/videos/v.mp4`;
      await expectCode(driver.presignUploadPart(key, 'id', 0, 60), 'VALIDATION_ERROR');
      await expectCode(driver.presignUploadPart(key, 'id', MULTIPART_LIMITS.maxParts + 1, 60), 'VALIDATION_ERROR');
      await expectCode(driver.presignUploadPart(key, '', 1, 60), 'VALIDATION_ERROR');
      await expectCode(driver.presignUploadPart('../x', 'id', 1, 60), 'VALIDATION_ERROR');
      await expectCode(driver.completeMultipartUpload(key, 'id', []), 'VALIDATION_ERROR');
      await expectCode(
        driver.completeMultipartUpload(key, 'id', [
          { partNumber: 1, etag: '"a"' },
          { partNumber: 1, etag: '"b"' },
        ]),
        'VALIDATION_ERROR',
      );
      await expectCode(driver.completeMultipartUpload(key, 'id', [{ partNumber: 1, etag: '"a"<x/>' }]), 'VALIDATION_ERROR');
    });
  });
});
