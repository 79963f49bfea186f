import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { Client } from 'minio';
import { DomainError } from '@gradekit/contracts';
import { S3StorageDriver } from './s3-storage.driver';
import { createStorageDriver } from './storage-driver.factory';
import type { S3StorageOptions } from './storage-driver.interface';
import { describeStorageDriverContract } from './test-support/storage-driver.contract';

// s3rver's built-in account; it verifies SigV4 signatures made with this secret.
const CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER', region: 'us-east-1' };

interface RunningS3rver {
  port: number;
  options(bucket: string): S3StorageOptions;
  close(): Promise<void>;
}

async function startS3rver(): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(tmpdir(), 'gk-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  const { port } = await server.run();
  return {
    port,
    options: (bucket) => ({ driver: 's3', endPoint: '127.0.0.1', port, useSSL: false, bucket, ...CREDENTIALS }),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describeStorageDriverContract('s3 (s3rver)', async () => {
  const s3 = await startS3rver();
  return { driver: createStorageDriver(s3.options('gradekit-contract')), close: () => s3.close() };
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
});
