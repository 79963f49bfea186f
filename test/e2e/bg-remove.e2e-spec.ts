import pg from 'pg';
import sharp from 'sharp';
import { dilate, iou } from '../../bench/models/matte-metrics';
import { EVALUATION_CASES, compositePng, syntheticComposite, type SyntheticComposite } from '../../bench/models/synthetic-subjects';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

/**
 * POST /bg-remove/apply through the spawned api and worker, ISNet on CPU, asserted on
 * pixels: a synthetic composite whose matte is known (a real photo's region pasted over
 * another, bench/models/synthetic-subjects.ts) must come back opaque inside the subject,
 * transparent outside, with a mask IoU above IOU_FLOOR. Four model runs in all.
 */

// Measured on this case at 800×600: 0.997 (bench/models/bg-remove.bench.ts, "e2e case"; docs/models.md); the floor leaves margin for other CPUs and providers.
const IOU_FLOOR = 0.95;
const [W, H] = [800, 600];

type BgResult = {
  key: string;
  url: string;
  width: number;
  height: number;
  format: string;
  has_alpha: boolean;
  output: string;
  model: string;
  refine_edges: boolean;
  subject_box: { x: number; y: number; width: number; height: number } | null;
  crop: { x: number; y: number; width: number; height: number } | null;
  foreground_fraction: number;
  timings_ms: Record<string, number>;
};
type BgResponse = { task_id: string; image: string; credits_used: number; credits_remaining: number; result: BgResult };

/** Pixels at least `margin` px inside (value 1) or outside (value 0) the known subject. */
function regions(truth: SyntheticComposite, margin: number): { inside: Uint8Array; outside: Uint8Array } {
  const notOpaque = Uint8Array.from(truth.alpha, (a) => (a < 255 ? 1 : 0));
  const covered = Uint8Array.from(truth.alpha, (a) => (a > 0 ? 1 : 0));
  const nearEdgeOrOut = dilate(notOpaque, truth.width, truth.height, margin);
  const nearEdgeOrIn = dilate(covered, truth.width, truth.height, margin);
  return { inside: Uint8Array.from(nearEdgeOrOut, (v) => 1 - v), outside: Uint8Array.from(nearEdgeOrIn, (v) => 1 - v) };
}

function meanWhere(values: Uint8Array, where: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (!where[i]) continue;
    sum += values[i];
    n++;
  }
  return sum / n;
}

async function channel(bytes: Buffer, index: number): Promise<{ data: Uint8Array; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const plane = new Uint8Array(info.width * info.height);
  for (let i = 0; i < plane.length; i++) plane[i] = data[i * info.channels + index];
  return { data: plane, width: info.width, height: info.height, channels: info.channels };
}

describe('background removal end to end', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let user: ApiClient;
  let userId: string;
  let db: pg.Client;
  let truth: SyntheticComposite;
  let png: Buffer;
  const balance = async () => (await user.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
    // A free-plan user: the spec lists /bg-remove/apply for every plan.
    ({ client: user, id: userId } = await createUser(stack.apiUrl, admin, 'cutter', 50));
    db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
    truth = await syntheticComposite(EVALUATION_CASES[0], W, H);
    png = await compositePng(truth);
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  const b64 = (bytes: Buffer) => bytes.toString('base64');

  it('cuts out a known subject: opaque inside, transparent outside, IoU above the floor, 2 credits', async () => {
    const uploaded = await user.post<{ key: string }>('/api/v1/storage/upload', { data: b64(png), filename: 'composite.png' });
    expect(uploaded.status).toBeLessThan(300);
    const before = await balance();
    const res = await user.post<BgResponse>('/api/v1/bg-remove/apply', { image_key: uploaded.body.key, response_format: 'base64' });
    expect(res.status).toBe(200);
    expect(res.body.credits_used).toBe(2);
    expect(await balance()).toBe(before - 2);
    const r = res.body.result;
    expect(r).toMatchObject({ width: W, height: H, format: 'png', has_alpha: true, output: 'cutout', model: 'isnet', refine_edges: false, crop: null });
    for (const stage of ['decode', 'preprocess', 'inference', 'refine', 'compose', 'encode']) expect(r.timings_ms[stage]).toBeGreaterThanOrEqual(0);
    expect(r.timings_ms.inference).toBeGreaterThan(0);

    const out = Buffer.from(res.body.image, 'base64');
    const alpha = await channel(out, 3);
    expect(alpha.channels).toBe(4);
    const { inside, outside } = regions(truth, 6);
    expect(meanWhere(alpha.data, inside)).toBeGreaterThan(245);
    expect(meanWhere(alpha.data, outside)).toBeLessThan(8);
    expect(iou(alpha.data, truth.alpha)).toBeGreaterThan(IOU_FLOOR);
    // The subject's colours are the composite's own where it is opaque.
    const rgb = await sharp(out).removeAlpha().raw().toBuffer();
    let diff = 0;
    let n = 0;
    for (let i = 0; i < inside.length; i += 97) {
      if (!inside[i]) continue;
      diff += Math.abs(rgb[i * 3] - truth.rgb[i * 3]);
      n++;
    }
    expect(diff / n).toBeLessThan(2);
    // Box and fraction agree with the known matte.
    const truthFraction = truth.alpha.reduce((s, v) => s + v, 0) / (255 * W * H);
    expect(Math.abs(r.foreground_fraction - truthFraction)).toBeLessThan(0.02);
    expect(r.subject_box).not.toBeNull();

    // The stored file and its history row are the same image.
    const stored = Buffer.from(await (await fetch(r.url)).arrayBuffer());
    expect((await sharp(stored).metadata()).format).toBe('png');
    const { rows } = await db.query<{ output_key: string }>('SELECT output_key FROM history WHERE task_id = $1', [res.body.task_id]);
    expect(rows[0]?.output_key).toBe(r.key);
  });

  it('returns the matte as a WebP mask (refined) and composites over a colour, cropped to the subject', async () => {
    const mask = await user.post<BgResponse>('/api/v1/bg-remove/apply', { image: b64(png), output: 'mask', format: 'webp', refine_edges: true });
    expect(mask.status).toBe(200);
    expect(mask.body.result).toMatchObject({ format: 'webp', output: 'mask', refine_edges: true, width: W, height: H });
    const grey = await channel(Buffer.from(mask.body.image, 'base64'), 0);
    expect(iou(grey.data, truth.alpha)).toBeGreaterThan(IOU_FLOOR);
    const { inside, outside } = regions(truth, 6);
    expect(meanWhere(grey.data, inside)).toBeGreaterThan(240);
    expect(meanWhere(grey.data, outside)).toBeLessThan(10);

    const padding = 12;
    const red = await user.post<BgResponse>('/api/v1/bg-remove/apply', { image: b64(png), output: 'composite', background_color: '#f00', crop_to_subject: true, padding });
    expect(red.status).toBe(200);
    const box = red.body.result.subject_box!;
    const crop = red.body.result.crop!;
    expect(crop).toEqual({
      x: Math.max(0, box.x - padding),
      y: Math.max(0, box.y - padding),
      width: Math.min(W, box.x + box.width + padding) - Math.max(0, box.x - padding),
      height: Math.min(H, box.y + box.height + padding) - Math.max(0, box.y - padding),
    });
    const out = Buffer.from(red.body.image, 'base64');
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([crop.width, crop.height]);
    expect(red.body.result).toMatchObject({ has_alpha: false, width: crop.width, height: crop.height });
    // The crop's corners lie outside the lobed subject: red. Its centre is the subject.
    const { data } = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * crop.width + x) * 3, (y * crop.width + x) * 3 + 3)];
    expect(at(1, 1)).toEqual([255, 0, 0]);
    expect(at(crop.width - 2, crop.height - 2)).toEqual([255, 0, 0]);
    const cx = Math.round(W / 2);
    const cy = Math.round(H * 0.55);
    const source = [...truth.rgb.subarray((cy * W + cx) * 3, (cy * W + cx) * 3 + 3)];
    at(cx - crop.x, cy - crop.y).forEach((v, k) => expect(Math.abs(v - source[k])).toBeLessThanOrEqual(2));
  });

  it('composites over a background image given by key, scaled to cover', async () => {
    // A left/right split backdrop at another aspect: after "cover" its halves still meet at the middle.
    const backdrop = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 0, g: 0, b: 255 } } })
      .composite([{ input: { create: { width: 200, height: 200, channels: 3, background: { r: 0, g: 255, b: 0 } } }, left: 200, top: 0 }])
      .png()
      .toBuffer();
    const stored = await user.post<{ key: string }>('/api/v1/storage/upload', { data: b64(backdrop), filename: 'backdrop.png' });
    expect(stored.status).toBeLessThan(300);
    const res = await user.post<BgResponse>('/api/v1/bg-remove/apply', { image: b64(png), output: 'composite', background_key: stored.body.key });
    expect(res.status).toBe(200);
    const { data } = await sharp(Buffer.from(res.body.image, 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
    expect(at(5, 5)).toEqual([0, 0, 255]);
    expect(at(W - 5, H - 5)).toEqual([0, 255, 0]);
  });

  it('refuses conflicting options with 400s and charges nothing', async () => {
    const before = await balance();
    const cases: [Record<string, unknown>, string][] = [
      [{ background_color: '#fff' }, 'background_color'],
      [{ output: 'mask', background_key: 'u/x/images/y.png' }, 'background_key'],
      [{ output: 'composite', background_color: '#fff', background_key: 'u/x/images/y.png' }, 'background_key'],
      [{ padding: 10 }, 'padding'],
      [{ output: 'composite', background_color: 'red' }, 'background_color'],
      [{ output: 'outline' }, 'output'],
      [{ format: 'jpeg' }, 'format'],
      [{ crop_to_subject: true, padding: 5000 }, 'padding'],
      [{ model: '../etc/passwd' }, 'model'],
    ];
    for (const [body, field] of cases) {
      const res = await user.post<{ code: string; details: { field: string }[] }>('/api/v1/bg-remove/apply', { image: b64(png), ...body });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_ERROR']);
      expect(res.body.details.map((d) => d.field)).toContain(field);
    }
    expect(await balance()).toBe(before);
  });

  it('an unknown model is a 400 naming the known ones, refunded once', async () => {
    const before = await balance();
    const res = await user.post<{ code: string; message: string; details: { field?: string; message: string; task_id?: string; credits_refunded?: number }[] }>(
      '/api/v1/bg-remove/apply',
      { image: b64(png), model: 'u2net' },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(res.body)).toContain('isnet');
    const refund = res.body.details.find((d) => d.task_id);
    expect(refund?.credits_refunded).toBe(2);
    expect(await balance()).toBe(before);
    const { rows } = await db.query<{ amount: number }>('SELECT amount FROM credit_ledger WHERE task_id = $1 ORDER BY created_at', [refund?.task_id]);
    expect(rows.map((row) => Number(row.amount))).toEqual([-2, 2]);
  });

  it('answers the sandbox with a real cutout and documents the price', async () => {
    const before = await balance();
    const sandbox = await user.post<{ sandbox: boolean; result: BgResult }>('/api/v1/bg-remove/apply', { image_key: `u/${userId}/images/y.png` }, { 'X-Sandbox': 'true' });
    expect(sandbox.status).toBe(200);
    expect(sandbox.body).toMatchObject({ sandbox: true, result: { format: 'png', has_alpha: true, output: 'cutout', model: 'isnet' } });
    const demo = await fetch(sandbox.body.result.url);
    expect(demo.headers.get('content-type')).toBe('image/png');
    const alpha = await channel(Buffer.from(await demo.arrayBuffer()), 3);
    const transparent = alpha.data.filter((a) => a === 0).length / alpha.data.length;
    const opaque = alpha.data.filter((a) => a === 255).length / alpha.data.length;
    expect(transparent).toBeGreaterThan(0.2);
    expect(opaque).toBeGreaterThan(0.3);
    expect(await balance()).toBe(before);

    const doc = await apiClient(stack.apiUrl).get<{ paths: Record<string, { post?: { summary?: string } }> }>('/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/bg-remove/apply']?.post?.summary).toBe('Remove image background (GPU) (2 credits)');
  });
});
