import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import type { MatchImageResult } from '@gradekit/contracts';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { bootstrapAdmin, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');
const REFERENCE = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
const TARGET = readFileSync(path.join(PHOTOS, 'chelsea.jpg'));

async function means(bytes: Buffer): Promise<number[]> {
  return (await sharp(bytes).stats()).channels.slice(0, 3).map((c) => c.mean);
}

const gap = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('match end to end', () => {
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(() => stack?.stop());

  async function upload(bytes: Buffer, name: string): Promise<string> {
    const presign = await admin.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: name, content_type: 'image/jpeg' });
    await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: bytes });
    return presign.body.key;
  }

  it('grades the target toward the reference and returns a downloadable image with its colour gap', async () => {
    const [referenceKey, targetKey] = await Promise.all([upload(REFERENCE, 'coffee.jpg'), upload(TARGET, 'chelsea.jpg')]);
    const res = await admin.post<{ task_id: string; result: MatchImageResult; history_id: string; credits_used: number }>('/api/v1/match', { reference_key: referenceKey, target_key: targetKey, method: 'natural' });
    expect(res.status).toBe(200);
    expect(res.body.credits_used).toBe(1);
    expect(res.body.history_id).toMatch(/^[0-9a-f-]{36}$/);
    const result = res.body.result;
    expect(result).toMatchObject({ width: 451, height: 300, format: 'jpeg', method: 'natural' });
    expect(result.color_gap.after.w1_lab).toBeLessThan(result.color_gap.before.w1_lab);

    const output = Buffer.from(await (await fetch(result.url as string)).arrayBuffer());
    expect(output.length).toBe(result.bytes);
    const [ref, before, after] = await Promise.all([means(REFERENCE), means(TARGET), means(output)]);
    expect(gap(after, ref)).toBeLessThan(gap(before, ref));

    const task = await admin.get<{ status: string; result: MatchImageResult }>(`/api/v1/tasks/${res.body.task_id}`);
    expect(task.body.status).toBe('completed');
    expect(task.body.result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/storage\/object\/u\//);
  });

  it('answers base64 callers with the image inline', async () => {
    const res = await admin.post<{ image: string; result: MatchImageResult }>('/api/v1/match', { reference: REFERENCE.toString('base64'), target: TARGET.toString('base64'), method: 'direct' });
    expect(res.status).toBe(200);
    const inline = Buffer.from(res.body.image, 'base64');
    expect(inline.length).toBe(res.body.result.bytes);
    expect((await sharp(inline).metadata()).width).toBe(451);
  });
});
