import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AnalyzeResult } from '@gradekit/contracts';
import type { E2eStack } from '../support/e2e-stack';
import { startS3Stack } from '../support/s3-stack';
import { bootstrapAdmin, type ApiClient } from './api-client';

const PHOTO = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'photos', 'chelsea.jpg'));

/**
 * The same path with the s3 storage driver against an S3 server that verifies
 * SigV4 signatures (s3rver): clients upload straight to S3 with the presigned URL,
 * the worker reads the object from S3, and tampered URLs are refused by S3 itself.
 */
describe('analyze end to end on S3 storage', () => {
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startS3Stack('gradekit-e2e');
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(() => stack?.stop());

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
