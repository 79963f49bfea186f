import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import * as path from 'node:path';
import sharp from 'sharp';
import type { AnalyzeResult } from '@gradekit/contracts';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/photos');

/** 1000×500 JPEG: left half (220, 40, 40), right half (40, 40, 220). */
function twoColourJpeg(): Promise<Buffer> {
  const raw = Buffer.alloc(1000 * 500 * 3);
  for (let y = 0; y < 500; y++) {
    for (let x = 0; x < 1000; x++) raw.set(x < 500 ? [220, 40, 40] : [40, 40, 220], (y * 1000 + x) * 3);
  }
  return sharp(raw, { raw: { width: 1000, height: 500, channels: 3 } }).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A tiny PNG whose header claims 20000×20000 pixels. */
function pngBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0);
  ihdr.writeUInt32BE(20000, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(4 * 60001))), pngChunk('IEND', Buffer.alloc(0))]);
}

// Jest ignores `testTimeout` inside `projects`; these tests wait on real queues and retries.
jest.setTimeout(30_000);

describe('analyze through the worker (real Postgres, Redis, storage, sharp)', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wanalyze');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  /** Creates a user with 5 credits, stores `bytes`, creates a charged analyze task and enqueues it. */
  async function analyze(bytes: Buffer, filename = 'photo.jpg', target: TestWorker = worker) {
    const userId = await bed.createUser(5);
    const key = await bed.putInput(userId, bytes, filename);
    const created = await bed.createTask(userId, { image: key });
    await target.enqueue(created.id);
    const task = await bed.waitForTask(created.id);
    return { userId, key, task, result: task.result as unknown as AnalyzeResult };
  }

  async function expectRefundedFailure(userId: string, taskId: string) {
    const rows = await bed.ledger(userId, taskId);
    expect(rows.map((row) => [row.kind, row.amount])).toEqual([
      ['charge', -1],
      ['refund', 1],
    ]);
    expect(await bed.credits.balance(userId)).toBe(5);
    expect(await bed.credits.ledgerSum(userId)).toBe(5);
    expect(await bed.historyCount(taskId)).toBe(0);
  }

  it('completes a task with the statistics of a known two-colour image', async () => {
    const bytes = await twoColourJpeg();
    const { userId, task, result } = await analyze(bytes);
    expect(task.status).toBe('completed');
    expect(task.progress).toBe(100);
    expect(task.attempts).toBe(1);
    expect(task.error).toBeNull();
    expect(task.finishedAt).toBeInstanceOf(Date);
    expect(result).toMatchObject({ width: 1000, height: 500, format: 'jpeg', has_alpha: false, bytes: bytes.length, sample_width: 512, sample_height: 256 });
    // Half (220, 40, 40), half (40, 40, 220): means 130 / 40 / 130, spread ±90 on r and b.
    // JPEG quantisation moves flat colours by a code value or so.
    expect(Math.abs(result.rgb.r.mean - 130)).toBeLessThan(1.5);
    expect(Math.abs(result.rgb.g.mean - 40)).toBeLessThan(1.5);
    expect(Math.abs(result.rgb.b.mean - 130)).toBeLessThan(1.5);
    expect(result.rgb.r.std).toBeGreaterThan(85);
    expect(result.rgb.r.std).toBeLessThan(92);
    expect(result.rgb.g.std).toBeLessThan(3);
    expect(Math.abs(result.rgb.r.percentiles.p5 - 40)).toBeLessThan(3);
    expect(Math.abs(result.rgb.r.percentiles.p95 - 220)).toBeLessThan(3);
    for (const histogram of Object.values(result.histograms)) {
      expect(histogram).toHaveLength(256);
      expect(histogram.reduce((sum, n) => sum + n, 0)).toBe(512 * 256);
    }
    const [first, second] = result.palette;
    expect(first.fraction + second.fraction).toBeGreaterThan(0.97);
    const hexes = [first.hex, second.hex].sort();
    expect(Math.abs(parseInt(hexes[0].slice(1, 3), 16) - 40)).toBeLessThanOrEqual(4); // the blue one: #28..dc
    expect(Math.abs(parseInt(hexes[1].slice(1, 3), 16) - 220)).toBeLessThanOrEqual(4); // the red one: #dc..28
    // Charged once, nothing refunded, no History for a data-only op.
    expect((await bed.ledger(userId, task.id)).map((row) => row.kind)).toEqual(['charge']);
    expect(await bed.credits.balance(userId)).toBe(4);
    expect(await bed.credits.ledgerSum(userId)).toBe(4);
    expect(await bed.historyCount(task.id)).toBe(0);
  });

  it('analyzes a real photo (coffee.jpg, 600×400)', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'coffee.jpg'));
    const { task, result } = await analyze(bytes);
    expect(task.status).toBe('completed');
    expect(result).toMatchObject({ width: 600, height: 400, format: 'jpeg', bytes: bytes.length, sample_width: 512, sample_height: 341 });
    expect(result.palette).toHaveLength(5);
    expect(result.white_point.cct_kelvin).toBeGreaterThan(1000);
    expect(result.white_point.cct_kelvin).toBeLessThan(20000);
    expect(result.histograms.luminance.reduce((sum, n) => sum + n, 0)).toBe(512 * 341);
    // A warm, brown-dominated photo: red above blue on average.
    expect(result.rgb.r.mean).toBeGreaterThan(result.rgb.b.mean);
  });

  it('fails a corrupt (truncated) JPEG with INVALID_IMAGE at once and refunds it once', async () => {
    const jpeg = await twoColourJpeg();
    const { userId, task } = await analyze(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(task.status).toBe('failed');
    expect(task.attempts).toBe(1); // a retry cannot fix the file: not retried
    expect(task.error).toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringMatching(/corrupt or truncated/) });
    expect(JSON.stringify(task.error)).not.toMatch(/at .*\.ts:\d+/); // no stack
    await expectRefundedFailure(userId, task.id);
    const job = await bed.waitForJobState(worker.queue(), task.id, 'failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^INVALID_IMAGE/);
    // Refund-once: a second failTaskAndRefund (a redelivered failure) writes nothing.
    expect(await bed.credits.failTaskAndRefund(task.id, { code: 'INTERNAL', message: 'again', details: [] })).toBe(false);
    await expectRefundedFailure(userId, task.id);
  });

  it('fails text bytes with UNSUPPORTED_MEDIA_TYPE (415)', async () => {
    const { userId, task } = await analyze(Buffer.from('name,colour\nsky,blue\n'), 'notes.jpg');
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expectRefundedFailure(userId, task.id);
  });

  it('refuses a decompression bomb by its header with IMAGE_TOO_LARGE', async () => {
    const { userId, task } = await analyze(pngBomb(), 'bomb.png');
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'IMAGE_TOO_LARGE', details: [expect.objectContaining({ width: 20000, height: 20000, max_pixels: 100_000_000 })] });
    await expectRefundedFailure(userId, task.id);
  });

  it('applies MAX_INPUT_PIXELS: a 200×200 image is too large for a 10 000 px limit', async () => {
    const small = await bed.start({ MAX_INPUT_PIXELS: '10000' });
    const bytes = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const { userId, task } = await analyze(bytes, 'photo.jpg', small);
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'IMAGE_TOO_LARGE', details: [expect.objectContaining({ width: 200, height: 200, max_pixels: 10000 })] });
    await expectRefundedFailure(userId, task.id);
    await small.close();
  });

  it('fails with NOT_FOUND when the input object is gone, without retrying', async () => {
    const userId = await bed.createUser(5);
    const created = await bed.createTask(userId, { image: `u/${userId}/uploads/00000000-0000-4000-8000-000000000000-gone.jpg` });
    await worker.enqueue(created.id);
    const task = await bed.waitForTask(created.id);
    expect(task.status).toBe('failed');
    expect(task.attempts).toBe(1);
    expect(task.error).toMatchObject({ code: 'NOT_FOUND' });
    await expectRefundedFailure(userId, task.id);
  });
});
