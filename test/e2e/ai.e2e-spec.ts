import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import type { AiGradeResult } from '@gradekit/contracts';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { bootstrapAdmin, createUser, type ApiClient } from './api-client';

const COFFEE = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'photos', 'coffee.jpg'));

async function redOverBlue(bytes: Buffer): Promise<number> {
  const stats = await sharp(bytes).stats();
  return stats.channels[0].mean / stats.channels[2].mean;
}

interface AiResponse {
  task_id: string;
  result: AiGradeResult & { url: string };
  history_id: string;
  credits_used: number;
  credits_remaining: number;
  sandbox: boolean;
}

describe('AI grading end to end: suggest, then refine the conversation (api process → worker process)', () => {
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(() => stack?.stop());

  it('grades a real photo from a prompt, refines it with "a bit more", charges 2 credits each and nothing for a prompt it cannot read', async () => {
    const { client } = await createUser(stack.apiUrl, admin, 'colourist', 0);
    const start = (await client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    const presign = await client.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: 'coffee.jpg', content_type: 'image/jpeg' });
    await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: COFFEE });
    const original = presign.body.key;

    const suggest = await client.post<AiResponse>('/api/v1/ai/suggest', { image_key: original, prompt: 'warmer, teal and orange, crush the blacks' });
    expect(suggest.status).toBe(200);
    expect(suggest.body).toMatchObject({ credits_used: 2, credits_remaining: start - 2, sandbox: false });
    expect(suggest.body.history_id).toMatch(/^[0-9a-f-]{36}$/);
    const first = suggest.body.result;
    expect(first).toMatchObject({ width: 600, height: 400, format: 'jpeg', engine: 'local', unrecognised: [] });
    expect(first.values).toMatchObject({ temperature: 20, blacks: -30, split_toning: { shadow_hue: 190, shadow_saturation: 35 } });
    expect(first.changes.map((c) => c.term)).toEqual(['warmer', 'teal and orange', 'crush the blacks']);
    const firstImage = Buffer.from(await (await fetch(first.url)).arrayBuffer());
    expect(firstImage.length).toBe(first.bytes);
    expect(await redOverBlue(firstImage)).toBeGreaterThan(await redOverBlue(COFFEE));

    // The conversation goes back as it came: values → current_values, messages → messages.
    const refine = await client.post<AiResponse>('/api/v1/ai/refine', {
      original_image_key: original,
      last_result_image_key: first.key,
      prompt: 'a bit more',
      current_values: first.values,
      messages: first.messages,
    });
    expect(refine.status).toBe(200);
    expect(refine.body).toMatchObject({ credits_used: 2, credits_remaining: start - 4 });
    const second = refine.body.result;
    expect(second.values).toMatchObject({ temperature: 30, blacks: -45, split_toning: { shadow_saturation: 52.5 } });
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(second.messages[2].content).toBe('a bit more');
    const secondImage = Buffer.from(await (await fetch(second.url)).arrayBuffer());
    expect(await redOverBlue(secondImage)).toBeGreaterThan(await redOverBlue(firstImage));

    const task = await client.get<{ status: string; op: string; credits_used: number }>(`/api/v1/tasks/${refine.body.task_id}`);
    expect(task.body).toMatchObject({ status: 'completed', op: 'ai_refine', credits_used: 2 });

    const unreadable = await client.post<{ code: string }>('/api/v1/ai/refine', { original_image_key: original, prompt: 'sprinkle unicorn dust', current_values: second.values, messages: second.messages });
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.code).toBe('UNPROCESSABLE');
    expect((await client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance).toBe(start - 4);
  });
});
