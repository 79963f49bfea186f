import * as path from 'node:path';
import sharp from 'sharp';
import { createRng, type RgbImage } from '@gradekit/color';
import { bandGrams, gramDistance, lumaBandEnergies, structureKept } from '../../apps/worker/src/features/style/band-statistics';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');

interface StyleResult {
  key: string;
  url: string;
  width: number;
  height: number;
  format: string;
  style_model: string;
  seed: number;
  strength: number;
  style_distance: { before: number; after: number; reduction_percent: number };
  structure_kept: { before: number; after: number };
}
type StyleResponse = { image?: string; credits_used: number; sandbox: boolean; result: StyleResult };

async function decode(bytes: Buffer, resize?: { width: number; height: number }): Promise<RgbImage> {
  let pipeline = sharp(bytes).removeAlpha();
  if (resize) pipeline = pipeline.resize(resize.width, resize.height, { fit: 'fill', kernel: 'linear' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}

function channelMeans(image: RgbImage): number[] {
  const sums = [0, 0, 0];
  for (let i = 0; i < image.data.length; i += 3) for (let k = 0; k < 3; k++) sums[k] += image.data[i + k];
  return sums.map((s) => s / (image.width * image.height));
}
const distance = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));
const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

/** Style transfer through the spawned api and worker (gpu queue, CPU provider), asserted on the output's pixels. */
describe('style transfer end to end', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let content: Buffer;
  let style: Buffer;

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
    const me = await admin.get<{ user: { id: string } }>('/api/v1/account');
    await admin.post(`/api/auth/users/${me.body.user.id}/credits`, { amount: 100, reason: 'e2e' });
    // Content: a soft, cool, flat-ish photo (blurred, desaturated, lossless so the test reads what the worker read).
    content = await sharp(path.join(PHOTOS, 'motorcycle_left.jpg')).blur(1.5).modulate({ saturation: 0.5 }).linear(0.7, 40).png().toBuffer();
    // Style: the coffee photo made warm, contrasty and grainy.
    const coffee = await sharp(path.join(PHOTOS, 'coffee.jpg')).modulate({ saturation: 1.6 }).linear(1.3, -20).raw().toBuffer({ resolveWithObject: true });
    const rng = createRng(5);
    const grainy = Buffer.from(coffee.data);
    for (let i = 0; i < grainy.length; i += 3) {
      const g = (rng() - 0.5) * 70;
      for (let k = 0; k < 3; k++) grainy[i + k] = Math.max(0, Math.min(255, Math.round(grainy[i + k] + g)));
    }
    style = await sharp(grainy, { raw: { width: coffee.info.width, height: coffee.info.height, channels: 3 } }).png().toBuffer();
  });
  afterAll(() => stack?.stop());

  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const balance = async (client: ApiClient = admin) => (await client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;

  it("moves the content's colour and band energies toward the style's, keeps its structure and reports consistent figures", async () => {
    const start = await balance();
    const res = await admin.post<StyleResponse>('/api/v1/style-transfer/apply', { content: b64(content), style: b64(style), response_format: 'base64' });
    expect(res.status).toBe(200);
    expect(res.body.credits_used).toBe(5);
    expect(start - (await balance())).toBe(5);
    const r = res.body.result;
    expect(r).toMatchObject({ style_model: 'builtin', seed: 42, strength: 1, format: 'png', width: 741, height: 500 });

    const input = await decode(content);
    const output = await decode(Buffer.from(res.body.image as string, 'base64'));
    const styleAtScale = await decode(style, { width: 741, height: 494 }); // the style at the content's long side, as the worker analyses it
    // Colour: the output's mean colour is far closer to the style's than the content's was.
    const styleMeans = channelMeans(styleAtScale);
    expect(distance(channelMeans(output), styleMeans)).toBeLessThan(0.35 * distance(channelMeans(input), styleMeans));
    // Band energies of the luma, fine to coarse: the two finest (grain, texture) move most of the way to the style's.
    const [eIn, eOut, eStyle] = [lumaBandEnergies(input), lumaBandEnergies(output), lumaBandEnergies(styleAtScale)];
    expect(eStyle[0]).toBeGreaterThan(3 * eIn[0]); // the style is grainy, the content soft
    for (const k of [0, 1]) expect(Math.abs(eOut[k] - eStyle[k])).toBeLessThan(0.5 * Math.abs(eIn[k] - eStyle[k]));
    // Structure: the content's edges are still there.
    const kept = structureKept(input, output);
    expect(kept).toBeGreaterThan(0.6);
    // The reported figures agree with the same measures taken here (on proxies like the worker's).
    const proxy = { width: 512, height: 345 };
    const [pIn, pOut, pStyle] = await Promise.all([decode(content, proxy), decode(Buffer.from(res.body.image as string, 'base64'), proxy), decode(style, { width: 512, height: 341 })]);
    const target = bandGrams(pStyle);
    const before = gramDistance(bandGrams(pIn), target);
    const after = gramDistance(bandGrams(pOut), target);
    expect(after).toBeLessThan(0.7 * before);
    expect(r.style_distance.before).toBeCloseTo(before, 1);
    expect(r.style_distance.after).toBeCloseTo(after, 1);
    expect(r.style_distance.after).toBeLessThan(r.style_distance.before);
    expect(r.style_distance.reduction_percent).toBeCloseTo(100 * (1 - r.style_distance.after / r.style_distance.before), 0);
    expect(r.structure_kept.before).toBe(1);
    expect(r.structure_kept.after).toBeGreaterThan(0.6);
    expect(Math.abs(r.structure_kept.after - structureKept(pIn, pOut))).toBeLessThan(0.05);
  });

  it('the same seed gives the same bytes, another seed other grain; strength 0 leaves the content', async () => {
    const upload = async (bytes: Buffer, filename: string) => (await admin.post<{ key: string }>('/api/v1/storage/upload', { data: b64(bytes), filename })).body.key;
    const [contentKey, styleKey] = await Promise.all([upload(content, 'content.png'), upload(style, 'style.png')]);
    const call = async (body: Record<string, unknown>) => {
      const res = await admin.post<StyleResponse>('/api/v1/style-transfer/apply', { content_key: contentKey, style_key: styleKey, ...body });
      expect(res.status).toBe(200);
      return { result: res.body.result, bytes: await download(res.body.result.url) };
    };
    const first = await call({ seed: 1234 });
    const second = await call({ seed: 1234 });
    const other = await call({ seed: 1235 });
    expect(first.result.key).not.toBe(second.result.key);
    expect(first.bytes.equals(second.bytes)).toBe(true);
    expect(first.bytes.equals(other.bytes)).toBe(false);
    // Other grain, same transfer: the pixels differ by grain-sized amounts only.
    const [a, b] = await Promise.all([decode(first.bytes), decode(other.bytes)]);
    let diff = 0;
    for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i] - b.data[i]);
    expect(diff / a.data.length).toBeGreaterThan(0.5);
    expect(distance(channelMeans(a), channelMeans(b))).toBeLessThan(1);

    const none = await call({ strength: 0 });
    const unchanged = await decode(none.bytes);
    const input = await decode(content);
    let maxDiff = 0;
    for (let i = 0; i < input.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(input.data[i] - unchanged.data[i]));
    expect(maxDiff).toBeLessThanOrEqual(2);
    expect(none.result.structure_kept.after).toBeGreaterThan(0.99);
  });

  it('refuses bad requests with 400s and refunds an unknown style model; free plan allowed; sandbox demo; OpenAPI price', async () => {
    const user = await createUser(stack.apiUrl, admin, 'stylist', 20);
    const funds = await balance(user.client);
    const both = await user.client.post<{ code: string }>('/api/v1/style-transfer/apply', { content: b64(content), content_key: 'u/x/images/a.png', style: b64(style) });
    expect(both.status).toBe(400);
    const noStyle = await user.client.post<{ code: string; details: { field: string }[] }>('/api/v1/style-transfer/apply', { content: b64(content) });
    expect(noStyle.status).toBe(400);
    expect(noStyle.body.details.map((d) => d.field)).toEqual(expect.arrayContaining(['style_key']));
    const badSeed = await user.client.post<{ details: { field: string }[] }>('/api/v1/style-transfer/apply', { content: b64(content), style: b64(style), seed: 1.5, strength: 2 });
    expect(badSeed.status).toBe(400);
    expect(badSeed.body.details.map((d) => d.field).sort()).toEqual(['seed', 'strength']);
    expect(await balance(user.client)).toBe(funds);
    const unknown = await user.client.post<{ code: string; error: string }>('/api/v1/style-transfer/apply', { content: b64(content), style: b64(style), style_model: 'van-gogh' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/Unknown style-transfer model "van-gogh" \(known: none configured\)/);
    expect(await balance(user.client)).toBe(funds); // charged, then refunded once

    // A free-plan user ("All" in the spec's table) is served and charged 5.
    const ok = await user.client.post<StyleResponse>('/api/v1/style-transfer/apply', { content: b64(content), style: b64(style), style_model: 'builtin' });
    expect(ok.status).toBe(200);
    expect(await balance(user.client)).toBe(funds - 5);

    const sandbox = await user.client.post<StyleResponse>('/api/v1/style-transfer/apply', { content_key: `u/${user.id}/images/a.png`, style_key: `u/${user.id}/images/b.png` }, { 'X-Sandbox': 'true' });
    expect(sandbox.status).toBe(200);
    expect(sandbox.body).toMatchObject({ sandbox: true, credits_used: 0, result: { style_model: 'builtin', seed: 42 } });
    const demo = await sharp(await download(sandbox.body.result.url)).stats();
    expect(demo.channels[0].mean).toBeGreaterThan(demo.channels[2].mean); // the rocket at dusk, warmed to the coffee photo's browns
    expect(sandbox.body.result.style_distance.after).toBeLessThan(sandbox.body.result.style_distance.before);
    expect(await balance(user.client)).toBe(funds - 5);

    const doc = await apiClient(stack.apiUrl).get<{ paths: Record<string, { post?: { summary?: string; requestBody?: unknown } }> }>('/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/style-transfer/apply']?.post?.summary).toBe('Apply neural style transfer to an image (5 credits)');
  });
});
