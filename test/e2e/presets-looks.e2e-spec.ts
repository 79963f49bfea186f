import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { parseCube } from '@gradekit/color';
import type { FilmEffectsImageResult, LookImageResult, PresetImageResult } from '@gradekit/contracts';
import { meanDeltaE2000, rgbPixels } from '../support/delta-e';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');
const photo = (name: string) => readFileSync(path.join(PHOTOS, name));

interface ImageAnswer<R> {
  task_id: string;
  result: R & { url: string };
  history_id: string | null;
  credits_used: number;
  credits_remaining: number;
  image?: string;
}

/** Mean R, G, B (0–255) of a rectangle of an image, from its decoded pixels. */
async function regionMeans(bytes: Buffer, region: (w: number, h: number) => { x: number; y: number; w: number; h: number }): Promise<number[]> {
  const { data, width, height } = await rgbPixels(bytes);
  const { x, y, w, h } = region(width, height);
  const sums = [0, 0, 0];
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) for (let c = 0; c < 3; c++) sums[c] += data[(j * width + i) * 3 + c];
  return sums.map((s) => s / (w * h));
}

const whole = (w: number, h: number) => ({ x: 0, y: 0, w, h });
const centre = (w: number, h: number) => ({ x: Math.round(w * 0.4), y: Math.round(h * 0.4), w: Math.round(w * 0.2), h: Math.round(h * 0.2) });
const corner = (w: number, h: number) => ({ x: 0, y: 0, w: Math.round(w * 0.08), h: Math.round(h * 0.08) });
const luma = (m: number[]) => 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2];

/**
 * Presets, film effects and looks through the spawned api and worker, on real photos:
 * pixels, credits and the LUT invariant (the exported preset .cube applied by ffmpeg
 * reproduces /presets/{name}/apply).
 */
describe('presets, film effects and looks end to end', () => {
  let stack: E2eStack;
  let client: ApiClient;
  let work: string;
  let spent = 0;
  /** The balance before the first call (the grant plus whatever the plan starts with). */
  let CREDITS = 0;

  beforeAll(async () => {
    stack = await startStack();
    const admin = await bootstrapAdmin(stack.apiUrl);
    const user = await createUser(stack.apiUrl, admin.client, 'grader', 20);
    await admin.client.put(`/api/auth/users/${user.id}`, { plan: 'pro' });
    client = user.client;
    CREDITS = (await client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    work = mkdtempSync(path.join(tmpdir(), 'gk-grading-'));
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  async function upload(bytes: Buffer, name: string, type = 'image/jpeg'): Promise<string> {
    const presign = await client.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: name, content_type: type });
    await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': type }, body: bytes });
    return presign.body.key;
  }

  const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

  it('lists the catalogs without credentials', async () => {
    const anonymous = apiClient(stack.apiUrl);
    const presets = await anonymous.get<{ total: number; items: { name: string }[] }>('/api/v1/presets');
    expect(presets.status).toBe(200);
    expect(presets.body.total).toBeGreaterThanOrEqual(30);
    const looks = await anonymous.get<{ total: number }>('/api/v1/looks');
    expect(looks.body.total).toBeGreaterThanOrEqual(24);
    const options = await anonymous.get<{ film_effect_presets: unknown[] }>('/api/v1/options');
    expect(options.body.film_effect_presets.length).toBeGreaterThanOrEqual(10);
  });

  it('applies a warm preset to a photo: warmer, same size and format, 1 credit, in History', async () => {
    const input = photo('motorcycle_left.jpg');
    const key = await upload(input, 'motorcycle.jpg');
    const res = await client.post<ImageAnswer<PresetImageResult>>('/api/v1/presets/golden_hour/apply', { image_key: key });
    expect(res.status).toBe(200);
    spent += 1;
    expect(res.body).toMatchObject({ credits_used: 1, credits_remaining: CREDITS - spent, history_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(res.body.result).toMatchObject({ width: 741, height: 500, format: 'jpeg', preset: 'golden_hour', intensity: 1, lut_size: 33 });
    const output = await download(res.body.result.url);
    expect(output.length).toBe(res.body.result.bytes);
    const [before, after] = await Promise.all([regionMeans(input, whole), regionMeans(output, whole)]);
    expect(after[0] - after[2]).toBeGreaterThan(before[0] - before[2] + 5);
    expect(await meanDeltaE2000(input, output)).toBeGreaterThan(2);
  });

  it('applies film effects to a base64 photo: vignette darkens the corners, the image comes back inline', async () => {
    const input = await sharp(photo('coffee.jpg')).png().toBuffer();
    const res = await client.post<ImageAnswer<FilmEffectsImageResult>>('/api/v1/film-effects/apply', {
      image: input.toString('base64'),
      preset: 'vintage_vignette',
      effects: { vignette: { amount: 80 }, grain: { amount: 30 } },
    });
    expect(res.status).toBe(200);
    spent += 1;
    expect(res.body.credits_used).toBe(1);
    expect(res.body.result).toMatchObject({ format: 'png', width: 600, height: 400, preset: 'vintage_vignette', seed: expect.any(Number) });
    expect(res.body.result.effects).toMatchObject({ vignette: { amount: 80, midpoint: 45 }, fade: { amount: 10 }, grain: { amount: 30 } });
    const output = Buffer.from(res.body.image as string, 'base64');
    expect(output.length).toBe(res.body.result.bytes);
    const ratio = async (bytes: Buffer) => luma(await regionMeans(bytes, corner)) / luma(await regionMeans(bytes, centre));
    expect(await ratio(output)).toBeLessThan((await ratio(input)) * 0.8);
  });

  it('applies a look: colour graded and effects after it; the task is retrievable', async () => {
    const input = photo('rocket.jpg');
    const key = await upload(input, 'rocket.jpg');
    const res = await client.post<ImageAnswer<LookImageResult>>('/api/v1/looks/matrix/apply', { image_key: key, effects_intensity: 0.5, effects_overrides: { vignette: { amount: 60 } } });
    expect(res.status).toBe(200);
    spent += 1;
    expect(res.body.credits_used).toBe(1);
    expect(res.body.result).toMatchObject({ look: 'matrix', intensity: 1, color_intensity: 1, effects_intensity: 0.5, width: 640, height: 427, format: 'jpeg' });
    expect(res.body.result.effects.vignette.amount).toBe(30);
    const output = await download(res.body.result.url);
    expect(await meanDeltaE2000(input, output)).toBeGreaterThan(3);
    // The Matrix look is green: green gains on red and blue across the frame.
    const [before, after] = await Promise.all([regionMeans(input, whole), regionMeans(output, whole)]);
    expect(after[1] - (after[0] + after[2]) / 2).toBeGreaterThan(before[1] - (before[0] + before[2]) / 2);
    const task = await client.get<{ status: string; op: string }>(`/api/v1/tasks/${res.body.task_id}`);
    expect(task.body).toMatchObject({ status: 'completed', op: 'look_apply' });
  });

  it('exports the preset as a .cube that ffmpeg applies to reproduce /presets/{name}/apply within 1 ΔE2000', async () => {
    // PNG in, so the comparison is not blurred by JPEG re-encoding.
    const target = await sharp(photo('chelsea.jpg')).png().toBuffer();
    const applied = await client.post<ImageAnswer<PresetImageResult>>('/api/v1/presets/teal_orange/apply', { image: target.toString('base64') });
    expect(applied.status).toBe(200);
    spent += 1;
    expect(applied.body.result.format).toBe('png');

    const res = await client.raw('POST', '/api/v1/lut/export/preset/teal_orange');
    expect(res.status).toBe(200);
    spent += 2;
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('gradekit-preset-teal_orange-33.cube');
    expect(res.headers.get('x-credits-used')).toBe('2');
    expect(res.headers.get('x-credits-remaining')).toBe(String(CREDITS - spent));
    expect(res.headers.get('x-spatial-effects')).toBe('not included');
    const cube = await res.text();
    expect(parseCube(cube).size).toBe(33);
    expect(cube).toMatch(/spatial effects/);

    const cubePath = path.join(work, 'preset.cube');
    const targetPath = path.join(work, 'target.png');
    const outPath = path.join(work, 'ffmpeg.png');
    writeFileSync(cubePath, cube);
    writeFileSync(targetPath, target);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', targetPath, '-vf', `lut3d=file=${cubePath}:interp=tetrahedral`, '-pix_fmt', 'rgb24', outPath]);
    const viaApi = Buffer.from(applied.body.image as string, 'base64');
    expect(await meanDeltaE2000(readFileSync(outPath), viaApi)).toBeLessThan(1);
    expect(await meanDeltaE2000(target, viaApi)).toBeGreaterThan(3);
  });

  it('charged exactly what the calls said; an unknown name cost nothing', async () => {
    const unknown = await client.post<{ code: string }>('/api/v1/looks/not_a_look/apply', { image: photo('chelsea.jpg').toString('base64') });
    expect(unknown.status).toBe(404);
    const account = await client.get<{ credits: { balance: number } }>('/api/v1/account');
    expect(account.body.credits.balance).toBe(CREDITS - spent);
  });
});
