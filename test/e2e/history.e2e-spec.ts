import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { LocalStorageDriver } from '@gradekit/storage';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { solidImage } from '../support/test-images';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

interface HistoryItem {
  id: string;
  op: string;
  task_id: string;
  created_at: string;
  params: Record<string, unknown>;
  input_keys: Record<string, string>;
  result: { key: string | null; url: string | null; thumbnail_key: string | null; thumbnail_url: string | null; lut_key: string | null; lut_url: string | null };
}
interface HistoryPage {
  items: HistoryItem[];
  total: number;
  limit: number;
  offset: number;
}
interface Deletion {
  deleted: string[];
  not_found: string[];
  sandbox: boolean;
}
interface ErrorBody {
  code: string;
  details: { field?: string; message: string; id?: string }[];
}
interface Entry {
  id: string;
  taskId: string;
  /** Every object the entry's task wrote, from its answer (result, thumbnail, LUT, a batch's items). */
  objects: string[];
}

/**
 * The history library through the spawned api and worker: entries written by real
 * operations (white balance, a preset, a LUT export, a match batch), listed, filtered,
 * paged, their files served, and deleted with their objects — checked against the
 * storage driver itself, over the stack's own storage folder. A second user reads and
 * deletes nothing of them; sandbox deletes are dry runs.
 */
describe('history end to end', () => {
  let stack: E2eStack;
  let owner: ApiClient;
  let stranger: ApiClient;
  let storage: LocalStorageDriver;
  /** An input uploaded into a folder called `results`: the user's file, which no history delete may take. */
  let inputKey: string;
  let wb: Entry;
  let preset: Entry;
  let lut: Entry;
  let batch: Entry;

  beforeAll(async () => {
    stack = await startStack();
    const admin = await bootstrapAdmin(stack.apiUrl);
    const colourist = await createUser(stack.apiUrl, admin.client, 'colourist', 50);
    await admin.client.put(`/api/auth/users/${colourist.id}`, { plan: 'pro' });
    owner = colourist.client;
    stranger = (await createUser(stack.apiUrl, admin.client, 'stranger', 0)).client;
    storage = new LocalStorageDriver({ dataDir: path.join(stack.dataDir, 'storage'), publicBaseUrl: stack.apiUrl, signingSecret: 'only-head-is-used' });

    const image = await solidImage(48, 32, { r: 200, g: 120, b: 60 }, 'png');
    const uploaded = await owner.post<{ key: string }>('/api/v1/storage/upload', { data: image.toString('base64'), folder: 'results', filename: 'mine.png' });
    expect(uploaded.status).toBe(200);
    inputKey = uploaded.body.key;

    type ImageAnswer = { task_id: string; history_id: string; result: { key: string; thumbnail_key: string } };
    const imageEntry = (body: ImageAnswer): Entry => ({ id: body.history_id, taskId: body.task_id, objects: [body.result.key, body.result.thumbnail_key] });
    const wbRes = await owner.post<ImageAnswer>('/api/v1/white-balance/apply', { image_key: inputKey, method: 'gray_world' });
    expect(wbRes.status).toBe(200);
    wb = imageEntry(wbRes.body);
    const presetRes = await owner.post<ImageAnswer>('/api/v1/presets/golden_hour/apply', { image_key: inputKey });
    expect(presetRes.status).toBe(200);
    preset = imageEntry(presetRes.body);
    const lutRes = await owner.post<{ task_id: string; history_id: string; result: { key: string } }>('/api/v1/lut/export/preset/teal_orange', { size: 17, response_format: 'json' });
    expect(lutRes.status).toBe(200);
    lut = { id: lutRes.body.history_id, taskId: lutRes.body.task_id, objects: [lutRes.body.result.key] };
    const cool = await solidImage(40, 40, { r: 40, g: 120, b: 220 }, 'png');
    const batchRes = await owner.post<{ task_id: string; history_id: string; result: { items: { status: string; key: string; thumbnail_key: string }[] } }>('/api/v1/match/batch', {
      reference_key: inputKey,
      targets: [cool.toString('base64'), cool.toString('base64')],
    });
    expect(batchRes.status).toBe(200);
    expect(batchRes.body.result.items.map((item) => item.status)).toEqual(['completed', 'completed']);
    batch = { id: batchRes.body.history_id, taskId: batchRes.body.task_id, objects: batchRes.body.result.items.flatMap((item) => [item.key, item.thumbnail_key]) };

    for (const entry of [wb, preset, lut, batch]) {
      expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
      await expectObjects(entry.objects, 'present');
    }
    expect(new Set([...wb.objects, ...preset.objects, ...lut.objects, ...batch.objects]).size).toBe(9);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function expectObjects(keys: readonly string[], state: 'present' | 'gone'): Promise<void> {
    const heads = await Promise.all(keys.map(async (key) => ({ key, present: (await storage.head(key)) !== null })));
    expect(heads).toEqual(keys.map((key) => ({ key, present: state === 'present' })));
  }

  const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

  it('lists the entries newest first with presigned files, and pages to the end', async () => {
    const all = await owner.get<HistoryPage>('/api/v1/history');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, limit: 20, offset: 0 });
    expect(ids(all.body)).toEqual([batch.id, lut.id, preset.id, wb.id]);

    const [batchItem, lutItem, presetItem, wbItem] = all.body.items;
    expect(wbItem).toMatchObject({
      op: 'white_balance_apply',
      task_id: wb.taskId,
      params: { method: 'gray_world' },
      input_keys: { image: inputKey },
      result: { key: wb.objects[0], thumbnail_key: wb.objects[1], lut_key: null, lut_url: null },
    });
    expect(Date.parse(wbItem!.created_at)).toBeLessThanOrEqual(Date.parse(presetItem!.created_at));
    const image = await fetch(wbItem!.result.url!);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(await storage.get(wb.objects[0]!))).toBe(true);
    expect((await fetch(wbItem!.result.thumbnail_url!)).status).toBe(200);
    expect(presetItem).toMatchObject({ op: 'preset_apply', params: { preset: 'golden_hour' } });
    // A LUT export has a LUT and no image.
    expect(lutItem).toMatchObject({ op: 'lut_export_preset', result: { key: null, url: null, thumbnail_key: null, thumbnail_url: null, lut_key: lut.objects[0] } });
    const cube = await fetch(lutItem!.result.lut_url!);
    expect(cube.headers.get('content-disposition')).toContain('attachment');
    expect(await cube.text()).toMatch(/LUT_3D_SIZE 17/);
    // A batch shows its first image.
    expect(batchItem).toMatchObject({ op: 'match_batch', result: { key: batch.objects[0], thumbnail_key: batch.objects[1] } });

    const first = await owner.get<HistoryPage>('/api/v1/history?limit=3');
    expect(first.body).toMatchObject({ total: 4, limit: 3, offset: 0 });
    expect(ids(first.body)).toEqual([batch.id, lut.id, preset.id]);
    const rest = await owner.get<HistoryPage>('/api/v1/history?limit=3&offset=3');
    expect(ids(rest.body)).toEqual([wb.id]);
    expect((await owner.get<HistoryPage>('/api/v1/history?offset=4')).body).toEqual({ items: [], total: 4, limit: 20, offset: 4 });
    expect((await owner.get<HistoryPage>('/api/v1/history?limit=100&offset=2147483647')).body).toEqual({ items: [], total: 4, limit: 100, offset: 2147483647 });
    expect((await owner.get<HistoryPage>('/api/v1/history?limit=1')).body.items).toHaveLength(1);
  });

  it('filters by operation and by an inclusive date range', async () => {
    const presets = await owner.get<HistoryPage>('/api/v1/history?op=preset_apply');
    expect(presets.body).toMatchObject({ total: 1 });
    expect(ids(presets.body)).toEqual([preset.id]);
    expect((await owner.get<HistoryPage>('/api/v1/history?op=analyze')).body).toMatchObject({ items: [], total: 0 });

    const all = (await owner.get<HistoryPage>('/api/v1/history')).body.items;
    const at = (id: string) => all.find((item) => item.id === id)!.created_at;
    const range = await owner.get<HistoryPage>(`/api/v1/history?from=${encodeURIComponent(at(preset.id))}&to=${encodeURIComponent(at(lut.id))}`);
    expect(range.status).toBe(200);
    expect(ids(range.body)).toEqual([lut.id, preset.id]);
    expect(range.body.total).toBe(2);
    expect(ids((await owner.get<HistoryPage>(`/api/v1/history?from=${encodeURIComponent(at(lut.id))}`)).body)).toEqual([batch.id, lut.id]);
    expect(ids((await owner.get<HistoryPage>(`/api/v1/history?to=${encodeURIComponent(at(wb.id))}`)).body)).toEqual([wb.id]);
    expect(ids((await owner.get<HistoryPage>(`/api/v1/history?op=match_batch&to=${encodeURIComponent(at(lut.id))}`)).body)).toEqual([]);
    expect((await owner.get<HistoryPage>('/api/v1/history?from=2000-01-01&to=2000-12-31')).body).toMatchObject({ items: [], total: 0 });
  });

  it('serves the filmstrip (entries with a thumbnail, newest first) and each entry’s image and LUT', async () => {
    const strip = await owner.get<{ items: { history_id: string; op: string; created_at: string; thumbnail_url: string }[] }>('/api/v1/history/filmstrip');
    expect(strip.status).toBe(200);
    expect(strip.body.items.map((item) => [item.history_id, item.op])).toEqual([
      [batch.id, 'match_batch'],
      [preset.id, 'preset_apply'],
      [wb.id, 'white_balance_apply'],
    ]);
    const thumb = await fetch(strip.body.items[2]!.thumbnail_url);
    expect(Buffer.from(await thumb.arrayBuffer()).equals(await storage.get(wb.objects[1]!))).toBe(true);
    expect((await owner.get<{ items: { history_id: string }[] }>('/api/v1/history/filmstrip?limit=1')).body.items.map((item) => item.history_id)).toEqual([batch.id]);

    const file = await owner.get<{ history_id: string; key: string; url: string; expires_in: number; expires_at: string }>(`/api/v1/history/${wb.id}/image`);
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ history_id: wb.id, key: wb.objects[0], expires_in: 604800 });
    expect(Date.parse(file.body.expires_at)).toBeGreaterThan(Date.now() + 6 * 86400_000);
    expect((await fetch(file.body.url)).status).toBe(200);
    const cube = await owner.get<{ key: string; url: string }>(`/api/v1/history/${lut.id}/lut`);
    expect(cube.status).toBe(200);
    expect(cube.body.key).toBe(lut.objects[0]);
    expect(await (await fetch(cube.body.url)).text()).toMatch(/LUT_3D_SIZE 17/);

    const notFound = async (route: string) => {
      const res = await owner.get<ErrorBody>(route);
      expect([route, res.status, res.body.code]).toEqual([route, 404, 'NOT_FOUND']);
    };
    await notFound(`/api/v1/history/${lut.id}/image`); // a LUT export has no image
    await notFound(`/api/v1/history/${wb.id}/lut`); // an image result has no LUT
    await notFound(`/api/v1/history/${wb.id}/video`);
    await notFound(`/api/v1/history/${randomUUID()}/image`);
    await notFound('/api/v1/history/not-a-uuid/image');
  });

  it('answers 400 naming each bad query or body field', async () => {
    const bad = async (res: Promise<{ status: number; body: unknown }>, fields: string[]) => {
      const { status, body } = await res;
      expect(status).toBe(400);
      expect((body as ErrorBody).code).toBe('VALIDATION_ERROR');
      expect([...new Set((body as ErrorBody).details.map((detail) => detail.field))].sort()).toEqual([...fields].sort());
    };
    await bad(owner.get('/api/v1/history?limit=0'), ['limit']);
    await bad(owner.get('/api/v1/history?limit=101'), ['limit']);
    await bad(owner.get('/api/v1/history?limit=two&offset=-1'), ['limit', 'offset']);
    await bad(owner.get('/api/v1/history?op=no_such_op'), ['op']);
    await bad(owner.get('/api/v1/history?from=yesterday&to=2026-13-45'), ['from', 'to']);
    await bad(owner.get('/api/v1/history?from=2026-12-02&to=2026-12-01'), ['to']);
    await bad(owner.get('/api/v1/history?colour=teal'), ['colour']);
    await bad(owner.get('/api/v1/history/filmstrip?limit=0'), ['limit']);
    await bad(owner.get('/api/v1/history/filmstrip?limit=101'), ['limit']);
    await bad(owner.post('/api/v1/history/batch-delete', {}), ['ids']);
    await bad(owner.post('/api/v1/history/batch-delete', { ids: [] }), ['ids']);
    await bad(owner.post('/api/v1/history/batch-delete', { ids: 'nope' }), ['ids']);
    await bad(owner.post('/api/v1/history/batch-delete', { ids: [wb.id, 'not-a-uuid'] }), ['ids']);
    await bad(owner.post('/api/v1/history/batch-delete', { ids: Array.from({ length: 101 }, () => randomUUID()) }), ['ids']);
    await bad(owner.post('/api/v1/history/batch-delete', { ids: [wb.id], all: true }), ['all']);
    expect((await owner.get<HistoryPage>('/api/v1/history')).body.total).toBe(4);
  });

  it("shows a second user none of the entries, and lets them delete none (404s), changing nothing", async () => {
    expect((await stranger.get<HistoryPage>('/api/v1/history')).body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    expect((await stranger.get('/api/v1/history/filmstrip')).body).toEqual({ items: [] });
    for (const route of [`/api/v1/history/${wb.id}/image`, `/api/v1/history/${lut.id}/lut`, `/api/v1/history/${wb.id}/video`]) {
      expect([route, (await stranger.get(route)).status]).toEqual([route, 404]);
    }
    const one = await stranger.delete<ErrorBody>(`/api/v1/history/${wb.id}`);
    expect([one.status, one.body.code]).toEqual([404, 'NOT_FOUND']);
    const many = await stranger.post<ErrorBody>('/api/v1/history/batch-delete', { ids: [wb.id, lut.id] });
    expect(many.status).toBe(404);
    expect(many.body.details).toEqual([
      { field: 'ids[0]', message: 'no history entry of yours', id: wb.id },
      { field: 'ids[1]', message: 'no history entry of yours', id: lut.id },
    ]);
    expect((await stranger.delete<Deletion>('/api/v1/history')).body).toEqual({ deleted: [], not_found: [], sandbox: false });

    expect(ids((await owner.get<HistoryPage>('/api/v1/history')).body)).toEqual([batch.id, lut.id, preset.id, wb.id]);
    await expectObjects([...wb.objects, ...preset.objects, ...lut.objects, ...batch.objects], 'present');
  });

  it('makes every delete a dry run under X-Sandbox: true (same checks and answer, nothing deleted)', async () => {
    const sandbox = { 'X-Sandbox': 'true' };
    expect((await owner.delete<Deletion>(`/api/v1/history/${wb.id}`, sandbox)).body).toEqual({ deleted: [wb.id], not_found: [], sandbox: true });
    expect((await owner.delete(`/api/v1/history/${randomUUID()}`, sandbox)).status).toBe(404);
    const many = await owner.post<Deletion>('/api/v1/history/batch-delete', { ids: [wb.id, lut.id, wb.id] }, sandbox);
    expect(many.status).toBe(200);
    expect(many.body.sandbox).toBe(true);
    expect([...many.body.deleted].sort()).toEqual([wb.id, lut.id].sort());
    const unknown = randomUUID();
    const partial = await owner.post<ErrorBody>('/api/v1/history/batch-delete', { ids: [wb.id, unknown] }, sandbox);
    expect([partial.status, partial.body.details.map((detail) => detail.id)]).toEqual([404, [unknown]]);
    expect((await owner.delete<Deletion>('/api/v1/history', sandbox)).body).toEqual({ deleted: [batch.id, lut.id, preset.id, wb.id], not_found: [], sandbox: true });
    // Reads are free and always show the real library.
    expect(ids((await owner.get<HistoryPage>('/api/v1/history', sandbox)).body)).toEqual([batch.id, lut.id, preset.id, wb.id]);

    await expectObjects([...wb.objects, ...preset.objects, ...lut.objects, ...batch.objects], 'present');
  });

  it('deletes one entry, then a batch (all or nothing), then the rest, each with its objects and none of the inputs', async () => {
    const one = await owner.delete<Deletion>(`/api/v1/history/${wb.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ deleted: [wb.id], not_found: [], sandbox: false });
    await expectObjects(wb.objects, 'gone');
    await expectObjects([inputKey, ...preset.objects, ...lut.objects, ...batch.objects], 'present');
    expect((await owner.delete(`/api/v1/history/${wb.id}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/history/${wb.id}/image`)).status).toBe(404);
    // The task stays (its result now names deleted files).
    expect((await owner.get<{ status: string }>(`/api/v1/tasks/${wb.taskId}`)).body.status).toBe('completed');

    const unknown = randomUUID();
    const refused = await owner.post<ErrorBody>('/api/v1/history/batch-delete', { ids: [preset.id, unknown, wb.id] });
    expect(refused.status).toBe(404);
    expect(refused.body.details).toEqual([
      { field: 'ids[1]', message: 'no history entry of yours', id: unknown },
      { field: 'ids[2]', message: 'no history entry of yours', id: wb.id },
    ]);
    await expectObjects([...preset.objects, ...lut.objects], 'present');
    expect((await owner.get<HistoryPage>('/api/v1/history')).body.total).toBe(3);

    const many = await owner.post<Deletion>('/api/v1/history/batch-delete', { ids: [preset.id, lut.id.toUpperCase(), preset.id] });
    expect(many.status).toBe(200);
    expect(many.body.sandbox).toBe(false);
    expect([...many.body.deleted].sort()).toEqual([preset.id, lut.id].sort());
    await expectObjects([...preset.objects, ...lut.objects], 'gone');
    await expectObjects([inputKey, ...batch.objects], 'present');

    const all = await owner.delete<Deletion>('/api/v1/history');
    expect(all.body).toEqual({ deleted: [batch.id], not_found: [], sandbox: false });
    await expectObjects(batch.objects, 'gone'); // both images of the batch and their thumbnails
    await expectObjects([inputKey], 'present');
    expect((await owner.get<HistoryPage>('/api/v1/history')).body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    expect((await owner.get('/api/v1/history/filmstrip')).body).toEqual({ items: [] });
    expect((await owner.delete<Deletion>('/api/v1/history')).body).toEqual({ deleted: [], not_found: [], sandbox: false });
  });

  it('answers 401 without a key on every route', async () => {
    const anonymous = apiClient(stack.apiUrl);
    const id = randomUUID();
    for (const [method, route] of [
      ['GET', '/api/v1/history'],
      ['GET', '/api/v1/history/filmstrip'],
      ['GET', `/api/v1/history/${id}/image`],
      ['GET', `/api/v1/history/${id}/lut`],
      ['GET', `/api/v1/history/${id}/video`],
      ['DELETE', `/api/v1/history/${id}`],
      ['DELETE', '/api/v1/history'],
      ['POST', '/api/v1/history/batch-delete'],
    ] as const) {
      const res = method === 'GET' ? await anonymous.get<ErrorBody>(route) : method === 'DELETE' ? await anonymous.delete<ErrorBody>(route) : await anonymous.post<ErrorBody>(route, { ids: [id] });
      expect([method, route, res.status, res.body.code]).toEqual([method, route, 401, 'UNAUTHORIZED']);
    }
  });

  it('documents every route of the family as free in the OpenAPI document', async () => {
    const doc = await (await fetch(`${stack.apiUrl}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, { summary: string }>> };
    const routes: [string, string][] = [
      ['/api/v1/history', 'get'],
      ['/api/v1/history', 'delete'],
      ['/api/v1/history/{id}', 'delete'],
      ['/api/v1/history/batch-delete', 'post'],
      ['/api/v1/history/filmstrip', 'get'],
      ['/api/v1/history/{id}/image', 'get'],
      ['/api/v1/history/{id}/lut', 'get'],
      ['/api/v1/history/{id}/video', 'get'],
    ];
    for (const [route, method] of routes) expect([route, method, doc.paths[route]?.[method]?.summary]).toEqual([route, method, expect.stringMatching(/\(free\)$/)]);
  });
});
