import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { VideoGradeResult, VideoProbeBody } from '@gradekit/contracts';
import type { E2eStack } from '../support/e2e-stack';
import { startS3Stack } from '../support/s3-stack';
import { eventually } from '../support/eventually';
import { audioStreamHash, testsrcClip } from '../support/test-videos';
import { bootstrapAdmin, type ApiClient } from './api-client';

const PART = 5 * 1024 * 1024; // S3's smallest part

/**
 * A large video on the s3 driver, against an S3 server that verifies SigV4 (s3rver):
 * a multipart upload straight to S3 through presigned part URLs, completed and probed
 * by the api and worker, then graded from S3.
 */
describe('video upload and grade end to end on S3 storage (multipart)', () => {
  let dir: string;
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-video-s3-e2e-'));
    stack = await startS3Stack('gradekit-video-e2e', { VIDEO_UPLOAD_PART_BYTES: String(PART) });
    const boot = await bootstrapAdmin(stack.apiUrl);
    admin = boot.client;
    await admin.put(`/api/auth/users/${boot.id}`, { plan: 'pro' });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads in presigned parts, completes and probes, refuses a tampered part URL, and grades from S3', async () => {
    const clip = await testsrcClip(path.join(dir, 'big.mp4'), { width: 1280, height: 720, seconds: 4, lossless: true });
    const bytes = readFileSync(clip);
    expect(bytes.length).toBeGreaterThan(PART);

    const start = await admin.post<{ key: string; upload_id: string; part_bytes: number; parts: { part_number: number; upload_url: string }[] }>('/api/v1/storage/upload/video', {
      filename: 'big.mp4',
      content_type: 'video/mp4',
      bytes: bytes.length,
    });
    expect(start.status).toBe(200);
    expect(start.body.part_bytes).toBe(PART);
    expect(start.body.parts).toHaveLength(Math.ceil(bytes.length / PART));

    const tampered = new URL(start.body.parts[0].upload_url);
    tampered.searchParams.set('partNumber', '9');
    expect((await fetch(tampered, { method: 'PUT', body: bytes.subarray(0, PART) })).status).toBe(403);

    const uploaded = await Promise.all(
      start.body.parts.map(async ({ part_number, upload_url }) => {
        const res = await fetch(upload_url, { method: 'PUT', body: bytes.subarray((part_number - 1) * PART, part_number * PART) });
        expect(res.status).toBe(200);
        return { part_number, etag: res.headers.get('etag') as string };
      }),
    );
    // Before completion the object does not exist: finishing without the parts is refused.
    const early = await admin.post<{ code: string }>('/api/v1/storage/upload/video', { video_key: start.body.key });
    expect(early.status).toBe(404);

    const done = await admin.post<{ key: string; bytes: number; probe: VideoProbeBody }>('/api/v1/storage/upload/video', {
      video_key: start.body.key,
      upload_id: start.body.upload_id,
      parts: uploaded.reverse(),
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ key: start.body.key, bytes: bytes.length, probe: { video: { width: 1280, height: 720, codec: 'h264' } } });

    const accepted = await admin.post<{ task_id: string }>('/api/v1/video/grade', { video_key: done.body.key, preset: 'cinematic_warm', quality: 'test', duration: 4 });
    expect(accepted.status).toBe(202);
    const task = await eventually(async () => {
      const res = await admin.get<{ status: string; result: VideoGradeResult & { url: string } }>(`/api/v1/tasks/${accepted.body.task_id}`);
      expect(res.body.status).toBe('completed');
      return res.body;
    }, 120_000, 200);
    expect(task.result.probe.video).toMatchObject({ width: 640, height: 360 });
    const out = path.join(dir, 'graded.mp4');
    const res = await fetch(task.result.url);
    expect(res.status).toBe(200);
    writeFileSync(out, Buffer.from(await res.arrayBuffer()));
    expect(await audioStreamHash(out)).toBe(await audioStreamHash(clip));
  }, 240_000);
});
