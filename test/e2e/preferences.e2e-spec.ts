import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { DEFAULT_LUT_SIZE, DEFAULT_MATCH_METHOD, parseCube } from '@gradekit/color';
import { defaultPreferences, PREFERENCE_KEYS } from '@gradekit/contracts';
import { PrismaService } from '@gradekit/db';
import { LocalStorageDriver } from '@gradekit/storage';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');
const COFFEE = readFileSync(path.join(PHOTOS, 'coffee.jpg')).toString('base64');
const ROCKET = readFileSync(path.join(PHOTOS, 'rocket.jpg')).toString('base64');
const MATCH = { reference: COFFEE, target: ROCKET };

interface View extends Record<string, unknown> {
  updated_at: string | null;
  webhook_secret?: string;
}
interface ErrorBody {
  code: string;
  details: { field?: string; message: string }[];
}
interface MatchBody {
  task_id: string;
  result: { key: string; format: string; bytes: number; method: string };
}

/**
 * GET/PATCH /api/v1/preferences through the spawned api and worker: defaults, merge and reset,
 * one 400 naming every bad field, isolation between users, and operations really using the
 * caller's preferences (the match method, the LUT size in the .cube, the stored file's format and
 * JPEG quality, the webhook URL shared with /account/webhook) while explicit fields still win.
 */
describe('preferences end to end', () => {
  let stack: E2eStack;
  let receiver: WebhookReceiver;
  let prisma: PrismaService;
  let storage: LocalStorageDriver;
  let alice: ApiClient;
  let aliceId: string;
  let bob: ApiClient;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    stack = await startStack({ env: { WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` } });
    prisma = new PrismaService(stack.db.url);
    storage = new LocalStorageDriver({ dataDir: path.join(stack.dataDir, 'storage'), publicBaseUrl: stack.apiUrl, signingSecret: 'unused-for-reads' });
    const admin = (await bootstrapAdmin(stack.apiUrl)).client;
    const a = await createUser(stack.apiUrl, admin, 'alice', 100);
    alice = a.client;
    aliceId = a.id;
    expect((await admin.put(`/api/auth/users/${aliceId}`, { plan: 'pro' })).status).toBe(200); // LUT exports are pro+
    bob = (await createUser(stack.apiUrl, admin, 'bob', 100)).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await stack?.stop();
    await receiver?.close();
  });

  /** What the task row recorded (GET /tasks/{id} does not show params). */
  const taskParams = async (taskId: string) => (await prisma.task.findUniqueOrThrow({ where: { id: taskId } })).params as Record<string, unknown>;

  it('GET answers every key with its default (the engine’s method and LUT size) and updated_at null', async () => {
    const res = await alice.get<View>('/api/v1/preferences');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...defaultPreferences(), updated_at: null });
    expect(res.body).toMatchObject({ default_method: DEFAULT_MATCH_METHOD, lut_size: DEFAULT_LUT_SIZE, jpeg_quality: 92, output_format: 'auto', theme: 'system', auto_apply_on_drag: false, webhook_url: null });
    expect(Object.keys(res.body).sort()).toEqual([...PREFERENCE_KEYS, 'updated_at'].sort());
  });

  it('PATCH merges, null resets a key to its default, and the row keeps only the keys set', async () => {
    const first = await alice.patch<View>('/api/v1/preferences', { theme: 'dark', auto_apply_on_drag: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ theme: 'dark', auto_apply_on_drag: true, lut_size: DEFAULT_LUT_SIZE });
    expect(Date.parse(first.body.updated_at as string)).toBeGreaterThan(0);

    const second = await alice.patch<View>('/api/v1/preferences', { theme: null, jpeg_quality: 80 });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...defaultPreferences(), auto_apply_on_drag: true, jpeg_quality: 80, updated_at: second.body.updated_at });
    expect(Date.parse(second.body.updated_at as string)).toBeGreaterThanOrEqual(Date.parse(first.body.updated_at as string));
    expect((await alice.get<View>('/api/v1/preferences')).body).toEqual(second.body);
    const row = await prisma.userPreferences.findUniqueOrThrow({ where: { userId: aliceId } });
    expect(row.values).toEqual({ auto_apply_on_drag: true, jpeg_quality: 80 });

    // An empty PATCH changes nothing.
    expect((await alice.patch<View>('/api/v1/preferences', {})).body).toEqual(second.body);
    await alice.patch('/api/v1/preferences', { auto_apply_on_drag: null, jpeg_quality: null });
  });

  it('400s name every unknown key, wrong type and out-of-range value, and write nothing', async () => {
    const before = (await alice.get<View>('/api/v1/preferences')).body;
    const unknown = await alice.patch<ErrorBody>('/api/v1/preferences', { colour: 'red', theme: 'dark', fonts: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_ERROR');
    expect(unknown.body.details.map((d) => d.field).sort()).toEqual(['colour', 'fonts']);
    expect(unknown.body.details.every((d) => d.message.startsWith('unknown field'))).toBe(true);

    const bad = await alice.patch<ErrorBody>('/api/v1/preferences', {
      theme: 'blue',
      auto_apply_on_drag: 'yes',
      default_method: 'fast',
      lut_size: 1,
      output_format: 'gif',
      jpeg_quality: 101,
      webhook_url: 42,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: 'theme', message: 'theme must be one of system, light, dark' },
      { field: 'auto_apply_on_drag', message: 'auto_apply_on_drag must be a JSON boolean (true or false)' },
      { field: 'default_method', message: 'default_method must be one of natural, direct, smooth, balanced' },
      { field: 'lut_size', message: 'lut_size must be an integer from 2 to 129' },
      { field: 'output_format', message: 'output_format must be one of auto, jpeg, png, webp, avif, tiff' },
      { field: 'jpeg_quality', message: 'jpeg_quality must be an integer from 1 to 100' },
      { field: 'webhook_url', message: 'webhook_url must be an http(s) URL of at most 2048 characters' },
    ]);
    const fraction = await alice.patch<ErrorBody>('/api/v1/preferences', { jpeg_quality: 50.5, lut_size: '33' });
    expect(fraction.status).toBe(400);
    expect(fraction.body.details.map((d) => d.field)).toEqual(['jpeg_quality', 'lut_size']);

    // The SSRF guard, as for /account/webhook: a loopback address outside the allow-list is refused.
    const loopback = await alice.patch<ErrorBody>('/api/v1/preferences', { webhook_url: 'http://127.0.0.1:1/hook', theme: 'dark' });
    expect(loopback.status).toBe(400);
    expect(loopback.body.details[0]?.field).toBe('webhook_url');

    expect((await alice.get<View>('/api/v1/preferences')).body).toEqual(before);
    expect(await prisma.webhookAccount.count({ where: { userId: aliceId } })).toBe(0);
  });

  it('another user never sees or changes mine', async () => {
    await alice.patch('/api/v1/preferences', { theme: 'dark', lut_size: 17 });
    expect((await bob.get<View>('/api/v1/preferences')).body).toEqual({ ...defaultPreferences(), updated_at: null });
    expect((await bob.patch<View>('/api/v1/preferences', { theme: 'light', lut_size: null })).body).toMatchObject({ theme: 'light', lut_size: DEFAULT_LUT_SIZE });
    expect((await alice.get<View>('/api/v1/preferences')).body).toMatchObject({ theme: 'dark', lut_size: 17 });
    expect((await apiClient(stack.apiUrl).get('/api/v1/preferences')).status).toBe(401);
    await alice.patch('/api/v1/preferences', { theme: null, lut_size: null });
  });

  it('a /match without `method` uses the preferred method (recorded in the task); an explicit method wins; others keep the default', async () => {
    await alice.patch('/api/v1/preferences', { default_method: 'smooth' });
    const preferred = await alice.post<MatchBody>('/api/v1/match', MATCH);
    expect(preferred.status).toBe(200);
    expect(preferred.body.result.method).toBe('smooth');
    expect(await taskParams(preferred.body.task_id)).toMatchObject({ method: 'smooth' });

    const explicit = await alice.post<MatchBody>('/api/v1/match', { ...MATCH, method: 'natural' });
    expect(explicit.body.result.method).toBe('natural');
    const batch = await alice.post<{ result: { items: { status: string; method?: string }[] } }>('/api/v1/match/batch', { reference: COFFEE, targets: [ROCKET] });
    expect(batch.status).toBe(200);
    expect(batch.body.result.items).toEqual([expect.objectContaining({ status: 'completed', method: 'smooth' })]);

    const theirs = await bob.post<MatchBody>('/api/v1/match', MATCH);
    expect(theirs.body.result.method).toBe(DEFAULT_MATCH_METHOD);
    await alice.patch('/api/v1/preferences', { default_method: null });
  });

  it('a LUT export without `size` uses the preferred LUT size in the .cube; an explicit size wins', async () => {
    await alice.patch('/api/v1/preferences', { lut_size: 17 });
    const preferred = await alice.raw('POST', '/api/v1/lut/export/match', MATCH);
    expect(preferred.status).toBe(200);
    expect(preferred.headers.get('x-lut-size')).toBe('17');
    const cube = await preferred.text();
    expect(cube).toContain('LUT_3D_SIZE 17');
    expect(parseCube(cube).size).toBe(17);

    const explicit = await alice.raw('POST', '/api/v1/lut/export/match', { ...MATCH, size: 33 });
    expect(parseCube(await explicit.text()).size).toBe(33);
    await alice.patch('/api/v1/preferences', { lut_size: null });
  });

  it('output_format and jpeg_quality decide the stored file: format (a JPEG input written as PNG) and JPEG size', async () => {
    await alice.patch('/api/v1/preferences', { output_format: 'png' });
    const png = await alice.post<MatchBody>('/api/v1/match', { ...MATCH, method: 'natural' });
    expect(png.status).toBe(200);
    expect(png.body.result).toMatchObject({ format: 'png' });
    expect(png.body.result.key).toMatch(/\.png$/);
    expect((await sharp(await storage.get(png.body.result.key)).metadata()).format).toBe('png');
    expect(await taskParams(png.body.task_id)).toMatchObject({ output: { format: 'png' } });
    // Not only /match: every image-output op writes through the same encoder options.
    await alice.patch('/api/v1/preferences', { output_format: 'webp' });
    const preset = await alice.post<MatchBody>('/api/v1/presets/golden_hour/apply', { image: ROCKET });
    expect(preset.status).toBe(200);
    expect(preset.body.result.format).toBe('webp');
    expect((await sharp(await storage.get(preset.body.result.key)).metadata()).format).toBe('webp');

    await alice.patch('/api/v1/preferences', { output_format: 'auto', jpeg_quality: 20 });
    const low = await alice.post<MatchBody>('/api/v1/match', { ...MATCH, method: 'natural' });
    const standard = await bob.post<MatchBody>('/api/v1/match', { ...MATCH, method: 'natural' });
    expect(low.body.result.format).toBe('jpeg');
    expect(standard.body.result.format).toBe('jpeg');
    const lowFile = await storage.get(low.body.result.key);
    const standardFile = await storage.get(standard.body.result.key);
    expect((await sharp(lowFile).metadata()).format).toBe('jpeg');
    expect(lowFile.length).toBe(low.body.result.bytes);
    // The same grade of the same images: quality 20 is far smaller than the built-in 92.
    expect(lowFile.length).toBeLessThan(standardFile.length * 0.5);
    expect(await taskParams(low.body.task_id)).toMatchObject({ output: { jpeg_quality: 20 } });
    expect(await taskParams(standard.body.task_id)).not.toHaveProperty('output');
    await alice.patch('/api/v1/preferences', { jpeg_quality: null });
  });

  it('webhook_url is the account default webhook: one fact with /account/webhook, used by a task naming none', async () => {
    const set = await alice.patch<View>('/api/v1/preferences', { webhook_url: receiver.url('/preferred') });
    expect(set.status).toBe(200);
    expect(set.body.webhook_url).toBe(receiver.url('/preferred'));
    expect(set.body.webhook_secret).toMatch(/^whsec_/); // created by this call: shown once
    receiver.secrets = [set.body.webhook_secret as string];
    expect((await alice.get<{ url: string }>('/api/v1/account/webhook')).body.url).toBe(receiver.url('/preferred'));

    const matched = await alice.post<MatchBody>('/api/v1/match', MATCH);
    expect(matched.status).toBe(200);
    const [delivery] = await receiver.waitFor('/preferred', 1, 30_000);
    expect(delivery!.verifiedWith).toBe(set.body.webhook_secret);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'task.completed', data: { task_id: matched.body.task_id } });

    // Written through /account/webhook, read through /preferences (and no second secret shown).
    expect((await alice.patch('/api/v1/account/webhook', { url: receiver.url('/other') })).status).toBe(200);
    expect((await alice.get<View>('/api/v1/preferences')).body.webhook_url).toBe(receiver.url('/other'));
    const cleared = await alice.patch<View>('/api/v1/preferences', { webhook_url: null });
    expect(cleared.body).not.toHaveProperty('webhook_secret');
    expect(cleared.body.webhook_url).toBeNull();
    expect((await alice.get<{ url: string | null }>('/api/v1/account/webhook')).body.url).toBeNull();
    expect((await bob.get<View>('/api/v1/preferences')).body.webhook_url).toBeNull();
  });

  it('X-Sandbox changes neither route; a sandbox operation answers its demo, charging nothing', async () => {
    const sandboxed = await alice.patch<View>('/api/v1/preferences', { theme: 'light' }, { 'X-Sandbox': 'true' });
    expect(sandboxed.status).toBe(200);
    expect((await alice.get<View>('/api/v1/preferences', { 'X-Sandbox': 'true' })).body).toMatchObject({ theme: 'light' });
    expect((await alice.get<View>('/api/v1/preferences')).body).toMatchObject({ theme: 'light' });
    await alice.patch('/api/v1/preferences', { theme: null, output_format: 'tiff' });
    const tasksBefore = await prisma.task.count({ where: { userId: aliceId } });
    const demo = await alice.post<{ sandbox: boolean; credits_used: number }>('/api/v1/match', MATCH, { 'X-Sandbox': 'true' });
    expect(demo.status).toBe(200);
    expect(demo.body).toMatchObject({ sandbox: true, credits_used: 0 });
    expect(await prisma.task.count({ where: { userId: aliceId } })).toBe(tasksBefore);
    await alice.patch('/api/v1/preferences', { output_format: null });
  });

  it('documents both routes as free in the OpenAPI document', async () => {
    const doc = await apiClient(stack.apiUrl).get<{ paths: Record<string, { get?: { summary?: string; description?: string }; patch?: { summary?: string } }> }>('/api/v1/openapi.json');
    const route = doc.body.paths['/api/v1/preferences'];
    expect(route?.get?.summary).toBe('Get user preferences (free)');
    expect(route?.patch?.summary).toBe('Update user preferences (free)');
    expect(route?.get?.description).toContain('`default_method` fills `method` of match, match_batch, match_multi, lut_export_match');
  });
});
