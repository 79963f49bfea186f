import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { parseCube } from '@gradekit/color';
import { meanDeltaE2000 } from '../support/delta-e';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { bootstrapAdmin, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');

async function regionMean(bytes: Buffer, left: number, top: number, width: number, height: number): Promise<number[]> {
  const crop = await sharp(bytes).extract({ left, top, width, height }).png().toBuffer();
  return (await sharp(crop).stats()).channels.slice(0, 3).map((c) => c.mean);
}

const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

/** White balance, LUTs from examples, batch and multi-reference matching and actions, through spawned processes, asserted on pixels. */
describe('corrections and chains end to end', () => {
  let stack: E2eStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
    const me = await admin.get<{ user: { id: string } }>('/api/v1/account');
    await admin.post(`/api/auth/users/${me.body.user.id}/credits`, { amount: 100, reason: 'e2e' });
    await admin.put(`/api/auth/users/${me.body.user.id}`, { plan: 'pro' });
  });
  afterAll(() => stack?.stop());

  const b64 = (bytes: Buffer) => bytes.toString('base64');

  it('white balance removes a warm cast from a real photo', async () => {
    const cast = await sharp(path.join(PHOTOS, 'motorcycle_left.jpg')).recomb([[1.15, 0, 0], [0, 1, 0], [0, 0, 0.7]]).png().toBuffer();
    const res = await admin.post<{ image: string; result: { estimated_white: { cct_kelvin: number } } }>('/api/v1/white-balance/apply', { image: b64(cast), method: 'gray_world' });
    expect(res.status).toBe(200);
    const [before, after] = await Promise.all([regionMean(cast, 0, 0, 741, 500), regionMean(Buffer.from(res.body.image, 'base64'), 0, 0, 741, 500)]);
    expect(before[0] - before[2]).toBeGreaterThan(40);
    expect(Math.abs(after[0] - after[2])).toBeLessThan(8);
    expect(res.body.result.estimated_white.cct_kelvin).toBeLessThan(5000);
  });

  it('learns an edit from a before/after pair: applies it and exports it as a .cube', async () => {
    const before = await sharp(path.join(PHOTOS, 'coffee.jpg')).png().toBuffer();
    const after = await sharp(before).linear([0.9, 1.0, 1.2], [0, 5, 10]).png().toBuffer();
    const applied = await admin.post<{ image: string; result: { lut: { kind: string; rms_error: number } } }>('/api/v1/lut/apply', { image: b64(before), before: b64(before), after: b64(after) });
    expect(applied.status).toBe(200);
    expect(applied.body.result.lut.kind).toBe('examples');
    expect(await meanDeltaE2000(Buffer.from(applied.body.image, 'base64'), after)).toBeLessThan(2.5);

    const exported = await admin.raw('POST', '/api/v1/lut/export/before-after', { before: b64(before), after: b64(after), size: 17 });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('x-spatial-effects')).toBe('not included');
    expect(parseCube(await exported.text()).size).toBe(17);
  });

  it('matches a batch (one bad target refunded) and a multi-reference gradient', async () => {
    const reference = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
    const good = readFileSync(path.join(PHOTOS, 'astronaut.jpg'));
    const balance = async () => (await admin.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    const start = await balance();
    const batch = await admin.post<{ credits_used: number; result: { items: { status: string; url?: string }[]; failed: number } }>('/api/v1/match/batch', {
      reference: b64(reference),
      targets: [b64(good), b64(good.subarray(0, 1500))],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.result.items.map((item) => item.status)).toEqual(['completed', 'failed']);
    expect(batch.body.credits_used).toBe(1);
    expect(start - (await balance())).toBe(1);
    expect((await sharp(await download(batch.body.result.items[0].url as string)).metadata()).width).toBe(512);

    const warm = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 230, g: 130, b: 40 } } }).png().toBuffer();
    const cool = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 40, g: 120, b: 230 } } }).png().toBuffer();
    const grey = await sharp(path.join(PHOTOS, 'rocket.jpg')).modulate({ saturation: 0 }).png().toBuffer();
    const multi = await admin.post<{ image: string; result: { blend_mode: string } }>('/api/v1/match/multi', { references: [b64(warm), b64(cool)], target: b64(grey), blend_mode: 'gradient', intensity: 1 });
    expect(multi.status).toBe(200);
    const out = Buffer.from(multi.body.image, 'base64');
    const { width, height } = await sharp(out).metadata();
    const left = await regionMean(out, 0, 0, Math.round((width as number) / 5), height as number);
    const right = await regionMean(out, Math.round(((width as number) * 4) / 5), 0, Math.round((width as number) / 5), height as number);
    expect(left[0]).toBeGreaterThan(left[2]);
    expect(right[2]).toBeGreaterThan(right[0]);
  });

  it('runs a saved action with fused colour steps', async () => {
    const created = await admin.post<{ id: string }>('/api/v1/actions', {
      name: 'Grey then grain',
      steps: [{ type: 'preset', name: 'teal_orange' }, { type: 'grade', values: { saturation: -100 } }, { type: 'film_effects', effects: { grain: { amount: 30 } } }],
    });
    expect(created.status).toBe(201);
    const photo = await sharp(path.join(PHOTOS, 'chelsea.jpg')).png().toBuffer();
    const res = await admin.post<{ image: string; credits_used: number; result: { lut_passes: number; spatial_passes: number } }>('/api/v1/actions/apply', { image: b64(photo), action_id: created.body.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ credits_used: 2, result: { lut_passes: 1, spatial_passes: 1 } });
    const stats = await sharp(Buffer.from(res.body.image, 'base64')).stats();
    const means = stats.channels.slice(0, 3).map((c) => c.mean);
    expect(Math.max(...means) - Math.min(...means)).toBeLessThan(3);
  });
});
