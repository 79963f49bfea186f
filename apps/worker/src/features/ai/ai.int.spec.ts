import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import sharp from 'sharp';
import type { AiGradeResult, AiMessage } from '@gradekit/contracts';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

const PHOTOS = path.resolve(__dirname, '../../../../../test/fixtures/photos');

jest.setTimeout(60_000);

/** Mean R, G, B (0–255). */
async function means(bytes: Buffer): Promise<[number, number, number]> {
  const stats = await sharp(bytes).stats();
  return [stats.channels[0].mean, stats.channels[1].mean, stats.channels[2].mean];
}

const redOverBlue = async (bytes: Buffer) => {
  const [r, , b] = await means(bytes);
  return r / b;
};

/** Mean of max(R,G,B) − min(R,G,B) over the pixels: 0 for a grey image. */
async function meanChroma(bytes: Buffer): Promise<number> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels) sum += Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]);
  return sum / (data.length / info.channels);
}

describe('ai_suggest and ai_refine through the worker (built-in assistant)', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  let photo: Buffer;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wai');
    worker = await bed.start();
    // A small copy of a real photo keeps the tests fast.
    photo = await sharp(path.join(PHOTOS, 'chelsea.jpg')).resize(160).jpeg({ quality: 92 }).toBuffer();
  });
  afterAll(() => bed.close());

  async function run(op: 'ai_suggest' | 'ai_refine', params: Record<string, unknown>, target = worker) {
    const userId = await bed.createUser(10);
    const key = await bed.putInput(userId, photo, 'photo.jpg');
    const inputs: Record<string, string> = op === 'ai_suggest' ? { image: key } : { original: key };
    const created = await bed.createTask(userId, inputs, { op, params: params as never, credits: 2 });
    await target.enqueue(created.id, op);
    const task = await bed.waitForTask(created.id);
    const result = task.result as unknown as AiGradeResult;
    return { userId, task, result, output: task.status === 'completed' ? await bed.storage.get(result.key) : Buffer.alloc(0) };
  }

  it('"warmer" raises R/B of the output, returns the values, the changes and the conversation, and writes one History entry', async () => {
    const { userId, task, result, output } = await run('ai_suggest', { prompt: 'warmer' });
    expect(task.status).toBe('completed');
    expect(result).toMatchObject({
      key: `u/${userId}/results/${task.id}.jpg`,
      width: 160,
      format: 'jpeg',
      engine: 'local',
      prompt: 'warmer',
      unrecognised: [],
      changes: [{ term: 'warmer', effect: 'Warmer white balance: temperature 0 → 20.', fields: ['temperature'] }],
    });
    expect(result.values).toMatchObject({ temperature: 20, tint: 0, split_toning: { shadow_saturation: 0 }, tone_curve: { master: [[0, 0], [1, 1]] } });
    expect(result.messages).toEqual([
      { role: 'user', content: 'warmer' },
      { role: 'assistant', content: 'Warmer white balance: temperature 0 → 20.' },
    ]);
    expect(result.bytes).toBe(output.length);
    expect(await redOverBlue(output)).toBeGreaterThan((await redOverBlue(photo)) * 1.08);
    const history = await bed.prisma.historyEntry.findMany({ where: { taskId: task.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ op: 'ai_suggest', outputKey: result.key, thumbnailKey: result.thumbnail_key });
    expect((await sharp(await bed.storage.get(result.thumbnail_key)).metadata()).format).toBe('jpeg');
  });

  it('"black and white" gives near-zero chroma', async () => {
    const { result, output } = await run('ai_suggest', { prompt: 'black and white, more contrast' });
    expect(result.values).toMatchObject({ saturation: -100, contrast: 20 });
    expect(await meanChroma(photo)).toBeGreaterThan(15);
    expect(await meanChroma(output)).toBeLessThan(2);
  });

  it('reads the image statistics: "fix exposure" brightens an underexposed photo', async () => {
    const dark = await sharp(photo).linear(0.35, 0).jpeg().toBuffer();
    const saved = photo;
    photo = dark;
    try {
      const { result, output } = await run('ai_suggest', { prompt: 'fix exposure' });
      expect(result.values.exposure as number).toBeGreaterThan(0.5);
      expect((await means(output))[1]).toBeGreaterThan((await means(dark))[1] * 1.3);
    } finally {
      photo = saved;
    }
  });

  it('refine "a bit more" moves further than the first step, regrading the original (nothing compounds)', async () => {
    const first = await run('ai_suggest', { prompt: 'warmer' });
    const refined = await run('ai_refine', { prompt: 'a bit more', current_values: first.result.values, messages: first.result.messages });
    expect(refined.task.status).toBe('completed');
    expect(refined.result.values).toMatchObject({ temperature: 30 });
    expect(refined.result.changes).toEqual([{ term: 'a bit more → warmer', effect: 'Warmer white balance (×0.5): temperature 20 → 30.', fields: ['temperature'] }]);
    const [before, once, twice] = await Promise.all([redOverBlue(photo), redOverBlue(first.output), redOverBlue(refined.output)]);
    expect(once).toBeGreaterThan(before);
    expect(twice).toBeGreaterThan(once + 0.02);
    expect(refined.result.messages.map((m: AiMessage) => m.content)).toEqual(['warmer', first.result.reply, 'a bit more', refined.result.reply]);
    // The original graded once with temperature 30 — the same bytes as asking for it directly.
    const direct = await run('ai_suggest', { prompt: 'much warmer' });
    expect(direct.result.values).toEqual(refined.result.values);
    expect(direct.output.equals(refined.output)).toBe(true);
    // Undo replays the conversation without its last prompt: back to the first image exactly.
    const undone = await run('ai_refine', { prompt: 'undo', current_values: refined.result.values, messages: refined.result.messages });
    expect(undone.result.values).toEqual(first.result.values);
    expect(undone.output.equals(first.output)).toBe(true);
  });

  it('fails (and refunds) a refine whose stored current_values are invalid, without retrying', async () => {
    const { userId, task } = await run('ai_refine', { prompt: 'warmer', current_values: { temperature: 500 }, messages: [] });
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'current_values.temperature' }] });
    expect((await bed.ledger(userId, task.id)).map((e) => e.kind)).toEqual(['charge', 'refund']);
  });
});

describe('the optional OpenAI-compatible endpoint (AI_API_URL), against a local fake server', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  let server: Server;
  let photo: Buffer;
  let mode: 'valid' | 'garbage' | 'out_of_range' | 'hang' | 'error' = 'valid';
  const received: { path: string; auth: string | undefined; body: { model: string; messages: { role: string; content: string }[]; temperature: number } }[] = [];

  function body(req: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const text = await body(req);
      received.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(text) });
      const answer = (content: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: 'test-model', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] }));
      };
      if (mode === 'valid') answer(JSON.stringify({ values: { temperature: -30, contrast: 40 }, reply: 'Cooler and punchier.' }));
      else if (mode === 'garbage') answer('Sure! I would make it warmer and more cinematic.');
      else if (mode === 'out_of_range') answer('{"values": {"temperature": 900}}');
      else if (mode === 'error') {
        res.writeHead(500);
        res.end('boom');
      } // 'hang': never answers; the worker's deadline ends it.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    bed = await WorkerTestBed.create('wairemote');
    worker = await bed.start({ AI_API_URL: `http://127.0.0.1:${port}/v1/`, AI_API_KEY: 'sk-test-123', AI_MODEL: 'test-model', AI_TIMEOUT_MS: '500' });
    photo = await sharp(path.join(PHOTOS, 'chelsea.jpg')).resize(120).jpeg().toBuffer();
  });
  afterAll(async () => {
    await bed.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function suggest(prompt: string) {
    const userId = await bed.createUser(10);
    const key = await bed.putInput(userId, photo, 'photo.jpg');
    const created = await bed.createTask(userId, { image: key }, { op: 'ai_suggest', params: { prompt }, credits: 2 });
    await worker.enqueue(created.id, 'ai_suggest');
    const task = await bed.waitForTask(created.id);
    expect(task.status).toBe('completed');
    const result = task.result as unknown as AiGradeResult;
    return { result, output: await bed.storage.get(result.key) };
  }

  it('uses valid JSON values from the model (engine "remote"), asking with the controls, statistics, model and key', async () => {
    mode = 'valid';
    received.length = 0;
    const { result, output } = await suggest('warmer');
    expect(result).toMatchObject({ engine: 'remote', reply: 'Cooler and punchier.', unrecognised: [] });
    expect(result.remote_error).toBeUndefined();
    expect(result.values).toMatchObject({ temperature: -30, contrast: 40, saturation: 0 });
    expect(result.changes).toEqual([{ term: 'warmer', effect: 'Cooler and punchier. (contrast 0 → 40, temperature 0 → -30)', fields: ['contrast', 'temperature'] }]);
    // The model's values were applied, not the built-in reading of "warmer": the output is cooler.
    expect(await redOverBlue(output)).toBeLessThan(await redOverBlue(photo));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: '/v1/chat/completions', auth: 'Bearer sk-test-123', body: { model: 'test-model', temperature: 0 } });
    const [system, user] = received[0].body.messages;
    expect(system.role).toBe('system');
    expect(system.content).toContain('temperature (-100..100 mired');
    expect(system.content).toMatch(/"white_point_cct_kelvin":\d+/);
    expect(user).toEqual({ role: 'user', content: 'warmer' });
  });

  it.each([
    ['garbage text', 'garbage' as const, /not usable: the answer is not a JSON object/],
    ['out-of-range values', 'out_of_range' as const, /temperature: must be between -100 and 100/],
    ['an HTTP 500', 'error' as const, /answered HTTP 500/],
    ['no answer within AI_TIMEOUT_MS', 'hang' as const, /did not answer within 500 ms/],
  ])('falls back to the built-in assistant on %s (engine "local", the reason noted)', async (_name, failure, reason) => {
    mode = failure;
    const { result, output } = await suggest('warmer');
    expect(result.engine).toBe('local');
    expect(result.remote_error).toMatch(reason);
    expect(result.remote_error).not.toContain('127.0.0.1');
    expect(result.values).toMatchObject({ temperature: 20 });
    expect(await redOverBlue(output)).toBeGreaterThan(await redOverBlue(photo));
  });
});
