import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from '@20minutes/s3rver';
import type { AnalyzeResult } from '@gradekit/contracts';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { bootstrapAdmin, type ApiClient } from './api-client';

const PHOTO = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'photos', 'chelsea.jpg'));

/**
 * The same path with the s3 storage driver against an S3 server that verifies
 * SigV4 signatures (s3rver): clients upload straight to S3 with the presigned URL,
 * the worker reads the object from S3, and tampered URLs are refused by S3 itself.
 */
describe('analyze end to end on S3 storage', () => {
  let s3: S3rver;
  let s3Dir: string;
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    s3Dir = mkdtempSync(path.join(tmpdir(), 'gk-s3-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: s3Dir, silent: true });
    const { port } = (await s3.run()) as AddressInfo;
    stack = await startStack({
      env: {
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_ACCESS_KEY: 'S3RVER',
        S3_SECRET_KEY: 'S3RVER',
        S3_BUCKET: 'gradekit-e2e',
        S3_REGION: 'us-east-1',
      },
    });
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(async () => {
    await stack?.stop();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('uploads to S3 with a presigned URL, analyzes from S3 and refuses a tampered URL', async () => {
    const presign = await admin.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: 'cat.jpg', content_type: 'image/jpeg' });
    expect(presign.status).toBe(200);
    expect(new URL(presign.body.upload_url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const tampered = new URL(presign.body.upload_url);
    tampered.searchParams.set('X-Amz-Expires', '604800');
    expect((await fetch(tampered, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: PHOTO })).status).toBe(403);

    const put = await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: PHOTO });
    expect(put.status).toBe(200);

    const res = await admin.post<{ result: AnalyzeResult; credits_used: number }>('/api/v1/analyze', { image_key: presign.body.key });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ width: 451, height: 300, format: 'jpeg', bytes: PHOTO.length });
    expect(res.body.credits_used).toBe(1);

    const ready = (await fetch(`${stack.apiUrl}/readyz`).then((r) => r.json())) as { checks: Record<string, unknown> };
    expect(ready.checks.storage).toEqual({ status: 'ok' });
    const download = await admin.post<{ url: string }>('/api/v1/storage/url', { key: presign.body.key, expires_in: 60 });
    const fetched = Buffer.from(await (await fetch(download.body.url)).arrayBuffer());
    expect(Buffer.compare(fetched, PHOTO)).toBe(0);
  });
});
