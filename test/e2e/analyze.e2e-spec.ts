import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import type { AnalyzeResult } from '@gradekit/contracts';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { eventually } from '../support/eventually';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

const COFFEE = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'photos', 'coffee.jpg'));

describe('analyze end to end: api process → Redis/BullMQ → worker process → Postgres → api', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let adminId: string;

  beforeAll(async () => {
    stack = await startStack();
    const bootstrapped = await bootstrapAdmin(stack.apiUrl);
    admin = bootstrapped.client;
    adminId = bootstrapped.id;
  });
  afterAll(() => stack?.stop());

  it('uploads through a presigned URL and returns real statistics computed by the worker', async () => {
    const account = await admin.get<{ credits: { balance: number } }>('/api/v1/account');
    const before = account.body.credits.balance;
    expect(before).toBe(50); // the free plan's initial grant

    const presign = await admin.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: 'coffee.jpg', content_type: 'image/jpeg' });
    const put = await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: COFFEE });
    expect(put.status).toBe(200);

    const res = await admin.post<{ task_id: string; result: AnalyzeResult; credits_used: number; credits_remaining: number; sandbox: boolean; history_id: null }>('/api/v1/analyze', { image_key: presign.body.key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ credits_used: 1, credits_remaining: before - 1, sandbox: false, history_id: null });
    const result = res.body.result;
    expect(result).toMatchObject({ width: 600, height: 400, format: 'jpeg', has_alpha: false, bytes: COFFEE.length });
    // The statistics are the photo's own: compare with sharp's channel means of the same file.
    const stats = await sharp(COFFEE).stats();
    expect(result.rgb.r.mean).toBeCloseTo(stats.channels[0].mean, -0.5);
    expect(result.rgb.g.mean).toBeCloseTo(stats.channels[1].mean, -0.5);
    expect(result.rgb.b.mean).toBeCloseTo(stats.channels[2].mean, -0.5);
    expect(result.histograms.r.reduce((a, b) => a + b, 0)).toBe(result.sample_width * result.sample_height);
    expect(result.palette.length).toBeGreaterThanOrEqual(3);
    expect(result.palette.reduce((sum, swatch) => sum + swatch.fraction, 0)).toBeCloseTo(1, 3);
    expect(result.white_point.cct_kelvin).toBeGreaterThan(1500);
    expect(result.white_point.cct_kelvin).toBeLessThan(25000);

    const task = await admin.get<{ status: string; result: AnalyzeResult; credits_used: number }>(`/api/v1/tasks/${res.body.task_id}`);
    expect(task.body).toMatchObject({ status: 'completed', credits_used: 1 });
    expect(task.body.result.rgb.r.mean).toBe(result.rgb.r.mean);
  });

  it('accepts base64 (the older clients) and refunds a corrupt image exactly once', async () => {
    const user = await createUser(stack.apiUrl, admin, 'painter', 5);
    const ok = await user.client.post<{ result: AnalyzeResult; credits_remaining: number }>('/api/v1/analyze', { image: COFFEE.toString('base64') });
    expect(ok.status).toBe(200);
    expect(ok.body.credits_remaining).toBe(54); // 50 initial + 5 granted - 1

    const truncated = COFFEE.subarray(0, 2000);
    const broken = await user.client.post<{ code: string; details: { task_id?: string; credits_refunded?: number }[] }>('/api/v1/analyze', { image: truncated.toString('base64') });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('INVALID_IMAGE');
    const refundDetail = broken.body.details.find((d) => d.task_id);
    expect(refundDetail?.credits_refunded).toBe(1);
    const account = await user.client.get<{ credits: { balance: number } }>('/api/v1/account');
    expect(account.body.credits.balance).toBe(54);
    const task = await user.client.get<{ status: string; credits_used: number; error: { code: string } }>(`/api/v1/tasks/${refundDetail?.task_id}`);
    expect(task.body).toMatchObject({ status: 'failed', credits_used: 0, error: { code: 'INVALID_IMAGE' } });

    // Another user's task is invisible.
    expect((await admin.get(`/api/v1/tasks/${refundDetail?.task_id}`)).status).toBe(404);
  });

  it('logs usage, counts jobs on the worker and in the queue stats', async () => {
    await eventually(async () => {
      const usage = await admin.get<{ items: { op: string; credits: number; status: number }[] }>('/api/v1/account/usage');
      expect(usage.body.items.find((item) => item.op === 'analyze')).toMatchObject({ credits: 1, status: 200 });
    });
    const stats = await admin.get<{ queues: Record<string, { completed: number; failed: number }> }>('/api/v1/queue/stats');
    expect(stats.body.queues.image.completed).toBeGreaterThanOrEqual(2);
    const metrics = await fetch(`${stack.workers[0].url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/jobs_total\{[^}]*op="analyze"[^}]*status="completed"[^}]*\} [2-9]/);
    const apiMetrics = await fetch(`${stack.apiUrl}/metrics`).then((r) => r.text());
    expect(apiMetrics).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/analyze",status="200",app="api"\} \d+/);
    expect(adminId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the docs and the OpenAPI document of the running api', async () => {
    const doc = await apiClient(stack.apiUrl).get<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/analyze', '/api/v1/tasks/{id}', '/api/auth/login', '/api/v1/storage/presign']));
  });
  // The worked example of docs/architecture.md: an operation added in the analyze feature folders only.
  // Served end to end, it proves the api (route, DTO, demo) and the worker (handler) both discovered it.
  it('image_info: the api routes it, the worker answers it from the header, free of charge', async () => {
    const user = await createUser(stack.apiUrl, admin, 'inspector', 0);
    const before = (await user.client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    const res = await user.client.post<{ task_id: string; result: Record<string, unknown>; credits_used: number; credits_remaining: number; history_id: null }>('/api/v1/image/info', {
      image: COFFEE.toString('base64'),
    });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ format: 'jpeg', width: 600, height: 400, megapixels: 0.24, aspect_ratio: 1.5, has_alpha: false, bytes: COFFEE.length });
    expect(res.body).toMatchObject({ credits_used: 0, credits_remaining: before, history_id: null });
    const task = await user.client.get<{ op: string; status: string }>(`/api/v1/tasks/${res.body.task_id}`);
    expect(task.body).toMatchObject({ op: 'image_info', status: 'completed' });

    const sandbox = await user.client.post<{ sandbox: boolean; result: Record<string, unknown> }>('/api/v1/image/info', { image_key: `u/${user.id}/images/x.jpg` }, { 'X-Sandbox': 'true' });
    expect(sandbox.status).toBe(200);
    expect(sandbox.body).toMatchObject({ sandbox: true, result: { format: 'jpeg', width: 600, height: 400 } });

    const anonymous = await apiClient(stack.apiUrl).post<{ code: string }>('/api/v1/image/info', { image: COFFEE.toString('base64') });
    expect(anonymous.status).toBe(401);
    // Another owner's key is a 404, like a missing one, and costs nothing.
    const stored = await admin.post<{ key: string }>('/api/v1/storage/upload', { data: COFFEE.toString('base64'), filename: 'coffee.jpg' });
    expect(stored.status).toBeLessThan(300);
    const foreign = await user.client.post<{ code: string }>('/api/v1/image/info', { image_key: stored.body.key });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    const malformed = await user.client.post<{ code: string }>('/api/v1/image/info', { image: 'not base64 at all!' });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);

    const missing = await user.client.post<{ code: string; details: { field: string }[] }>('/api/v1/image/info', {});
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d) => d.field)).toEqual(['image_key', 'image']);

    const doc = await apiClient(stack.apiUrl).get<{ paths: Record<string, { post?: { summary?: string } }> }>('/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/image/info']?.post?.summary).toBe('Image format, size and alpha from the header (free)');
  });
});
