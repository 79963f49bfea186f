import sharp from 'sharp';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

/**
 * The spec's credit table (spec/shotmatch-api.txt, "Credits"), route by route, for
 * every endpoint this server implements: each paid call really charges its price
 * (read back from the response and the balance), each pro+ route answers 403
 * PLAN_UPGRADE_REQUIRED to a free user, and each free listing needs no auth.
 */
type Body = (keys: { image: string; other: string; cube: string }) => Record<string, unknown>;
interface PaidRoute {
  path: string;
  cost: number;
  plan: 'All' | 'pro+';
  body: Body;
  file?: boolean;
}

const image = (k: { image: string }) => ({ image_key: k.image });
const PAID: PaidRoute[] = [
  { path: '/api/v1/match', cost: 1, plan: 'All', body: (k) => ({ reference_key: k.other, target_key: k.image }) },
  { path: '/api/v1/match/batch', cost: 1, plan: 'All', body: (k) => ({ reference_key: k.other, target_keys: [k.image] }) },
  { path: '/api/v1/match/multi', cost: 1, plan: 'All', body: (k) => ({ reference_keys: [k.other, k.image], target_key: k.image }) },
  { path: '/api/v1/analyze', cost: 1, plan: 'All', body: image },
  { path: '/api/v1/presets/teal_orange/apply', cost: 1, plan: 'All', body: image },
  { path: '/api/v1/film-effects/apply', cost: 1, plan: 'All', body: (k) => ({ ...image(k), preset: 'film_16mm' }) },
  { path: '/api/v1/looks/blade_runner/apply', cost: 1, plan: 'All', body: image },
  { path: '/api/v1/lut/apply', cost: 1, plan: 'All', body: (k) => ({ ...image(k), lut_key: k.cube }) },
  { path: '/api/v1/lut/export/before-after', cost: 2, plan: 'pro+', body: (k) => ({ before_key: k.image, after_key: k.other, size: 17 }), file: true },
  { path: '/api/v1/lut/export/match', cost: 2, plan: 'pro+', body: (k) => ({ reference_key: k.other, target_key: k.image, size: 17 }), file: true },
  { path: '/api/v1/lut/export/preset/teal_orange', cost: 2, plan: 'pro+', body: () => ({ size: 17 }), file: true },
  { path: '/api/v1/ai/refine', cost: 2, plan: 'All', body: (k) => ({ prompt: 'a bit warmer', original_image_key: k.image, current_values: {}, messages: [] }) },
  { path: '/api/v1/ai/suggest', cost: 2, plan: 'All', body: (k) => ({ ...image(k), prompt: 'teal and orange' }) },
  { path: '/api/v1/white-balance/apply', cost: 1, plan: 'All', body: image },
  { path: '/api/v1/bg-remove/apply', cost: 2, plan: 'All', body: image },
  { path: '/api/v1/style-transfer/apply', cost: 5, plan: 'All', body: (k) => ({ content_key: k.image, style_key: k.other }) },
  // Gradekit's extensions (not in the spec), priced in the catalog like its routes.
  { path: '/api/v1/faces/detect', cost: 1, plan: 'All', body: image },
  { path: '/api/v1/actions/apply', cost: 2, plan: 'All', body: (k) => ({ ...image(k), steps: [{ type: 'preset', name: 'teal_orange' }] }) },
];
const FREE_NO_AUTH = ['/api/v1/match/multi/modes', '/api/v1/options', '/api/v1/presets', '/api/v1/film-effects/presets', '/api/v1/looks', '/api/v1/lut/sizes'];

describe('credit costs and plan gates match the spec for every route', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let pro: ApiClient;
  let free: ApiClient;
  let proKeys: { image: string; other: string; cube: string };
  let freeKeys: { image: string; other: string; cube: string };

  async function upload(client: ApiClient, bytes: Buffer, name: string, type: string): Promise<string> {
    const presign = await client.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: name, content_type: type });
    await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': type }, body: bytes });
    return presign.body.key;
  }

  async function keysFor(client: ApiClient) {
    const a = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 60 } } }).jpeg().toBuffer();
    const b = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 50, g: 110, b: 190 } } }).jpeg().toBuffer();
    const cube = Buffer.from('LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n');
    return { image: await upload(client, a, 'a.jpg', 'image/jpeg'), other: await upload(client, b, 'b.jpg', 'image/jpeg'), cube: await upload(client, cube, 'id.cube', 'text/plain') };
  }

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
    const proUser = await createUser(stack.apiUrl, admin, 'pro_user', 100);
    await admin.put(`/api/auth/users/${proUser.id}`, { plan: 'pro' });
    pro = proUser.client;
    free = (await createUser(stack.apiUrl, admin, 'free_user', 0)).client;
    proKeys = await keysFor(pro);
    freeKeys = await keysFor(free);
  });
  afterAll(() => stack?.stop());

  it.each(PAID.map((route) => [route.path, route] as const))('%s charges its price', async (_path, route) => {
    const before = (await pro.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    const res = await pro.raw('POST', route.path, route.body(proKeys));
    const text = await res.text();
    expect({ status: res.status, body: res.status === 200 ? 'ok' : text }).toEqual({ status: 200, body: 'ok' });
    const used = route.file ? Number(res.headers.get('x-credits-used')) : (JSON.parse(text) as { credits_used: number }).credits_used;
    expect(used).toBe(route.cost);
    const after = (await pro.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    expect(before - after).toBe(route.cost);
  });

  it.each(PAID.map((route) => [route.path, route] as const))('%s gates its plan for a free user', async (_path, route) => {
    const res = await free.raw('POST', route.path, route.body(freeKeys), { 'X-Sandbox': 'true' });
    const body = (await res.json()) as { code?: string; sandbox?: boolean };
    if (route.plan === 'pro+') {
      expect({ status: res.status, code: body.code }).toEqual({ status: 403, code: 'PLAN_UPGRADE_REQUIRED' });
    } else {
      expect({ status: res.status, sandbox: body.sandbox }).toEqual({ status: 200, sandbox: true });
    }
  });

  it.each(FREE_NO_AUTH)('%s is free and needs no auth', async (path) => {
    const res = await apiClient(stack.apiUrl).get<{ error?: string }>(path);
    expect(res.status).toBe(200);
    expect(res.body.error).toBeUndefined();
  });
});
