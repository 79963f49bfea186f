import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import type { MatchImageResult } from '@gradekit/contracts';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

const PHOTOS = path.resolve(__dirname, '../../../../../test/fixtures/photos');

jest.setTimeout(60_000);

/** Mean of each RGB channel, 0–255 (16-bit images scaled down). */
async function channelMeans(bytes: Buffer): Promise<number[]> {
  const stats = await sharp(bytes).stats();
  const meta = await sharp(bytes).metadata();
  const scale = meta.depth === 'ushort' ? 255 / 65535 : 1;
  return stats.channels.slice(0, 3).map((c) => c.mean * scale);
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

describe('match through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wmatch');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  async function runMatch(reference: Buffer, target: Buffer, params: Record<string, unknown> = { method: 'natural' }, targetName = 'target.jpg') {
    const userId = await bed.createUser(5);
    const referenceKey = await bed.putInput(userId, reference, 'reference.jpg');
    const targetKey = await bed.putInput(userId, target, targetName);
    const created = await bed.createTask(userId, { reference: referenceKey, target: targetKey }, { op: 'match', params: params as never });
    await worker.enqueue(created.id, 'match');
    const task = await bed.waitForTask(created.id);
    return { userId, task, result: task.result as unknown as MatchImageResult };
  }

  it('moves the target toward the reference, keeps its size and format, writes the output, thumbnail and one History entry', async () => {
    const reference = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
    const target = readFileSync(path.join(PHOTOS, 'astronaut.jpg'));
    const { userId, task, result } = await runMatch(reference, target);
    expect(task.status).toBe('completed');
    expect(result).toMatchObject({ key: `u/${userId}/results/${task.id}.jpg`, width: 512, height: 512, format: 'jpeg', bit_depth: 8, has_alpha: false, method: 'natural' });
    expect(result.params).toMatchObject({ strength: 1, lut_size: 33 });

    const output = await bed.storage.get(result.key);
    expect(result.bytes).toBe(output.length);
    const [refMeans, targetMeans, outMeans] = await Promise.all([channelMeans(reference), channelMeans(target), channelMeans(output)]);
    // The graded image's colour sits much closer to the reference's than the target's did.
    expect(distance(outMeans, refMeans)).toBeLessThan(distance(targetMeans, refMeans) * 0.5);
    expect(result.color_gap.after.w1_lab).toBeLessThan(result.color_gap.before.w1_lab);
    expect(result.color_gap.after.mean_delta_e2000).toBeLessThan(result.color_gap.before.mean_delta_e2000);
    expect(result.color_gap.w1_reduction_percent).toBeGreaterThan(30);

    const thumbnail = await bed.storage.get(result.thumbnail_key);
    const thumb = await sharp(thumbnail).metadata();
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(256);
    // The thumbnail (made from the graded proxy) shows the graded colours, not the target's.
    const thumbMeans = await channelMeans(thumbnail);
    expect(distance(thumbMeans, outMeans)).toBeLessThan(3);
    expect(distance(thumbMeans, targetMeans)).toBeGreaterThan(10);
    const history = await bed.prisma.historyEntry.findMany({ where: { taskId: task.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ op: 'match', outputKey: result.key, thumbnailKey: result.thumbnail_key, userId });
  });

  it("gives the same result when the owner's next job reuses the reference (prepared once, kept by the worker)", async () => {
    const userId = await bed.createUser(5);
    const reference = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
    const target = await bed.putInput(userId, readFileSync(path.join(PHOTOS, 'rocket.jpg')), 'target.jpg');
    const results: MatchImageResult[] = [];
    for (const name of ['first.jpg', 'second.jpg']) {
      const referenceKey = await bed.putInput(userId, reference, name); // the same file under a new key
      const created = await bed.createTask(userId, { reference: referenceKey, target }, { op: 'match', params: { method: 'smooth' } as never });
      await worker.enqueue(created.id, 'match');
      results.push((await bed.waitForTask(created.id)).result as unknown as MatchImageResult);
    }
    expect(results[1].color_gap).toEqual(results[0].color_gap);
    const [first, second] = await Promise.all(results.map((r) => bed.storage.get(r.key)));
    expect(second.equals(first)).toBe(true);
  });

  it('keeps 16-bit depth and alpha for a 16-bit RGBA PNG target', async () => {
    const width = 96;
    const height = 64;
    const pixels = new Uint16Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        pixels[i] = Math.round((x / (width - 1)) * 50000) + 5000;
        pixels[i + 1] = 30000;
        pixels[i + 2] = Math.round((y / (height - 1)) * 40000) + 10000;
        pixels[i + 3] = x < width / 2 ? 65535 : 20000;
      }
    }
    const target = await sharp(pixels, { raw: { width, height, channels: 4 } }).toColourspace('rgb16').png().toBuffer();
    const reference = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
    const { task, result } = await runMatch(reference, target, { method: 'direct' }, 'target.png');
    expect(task.status).toBe('completed');
    expect(result).toMatchObject({ format: 'png', bit_depth: 16, has_alpha: true, width, height, method: 'direct' });
    const output = await bed.storage.get(result.key);
    const meta = await sharp(output).metadata();
    expect(meta).toMatchObject({ depth: 'ushort', channels: 4, hasAlpha: true });
    const raw = await sharp(output).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer();
    const out16 = new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
    // Alpha passes through untouched; colour changed.
    expect(out16[3]).toBe(65535);
    expect(out16[(width - 1) * 4 + 3]).toBe(20000);
    const changed = Array.from({ length: 100 }, (_, k) => k * 4).some((i) => out16[i] !== pixels[i] || out16[i + 2] !== pixels[i + 2]);
    expect(changed).toBe(true);
    // More than 256 distinct levels survive in a channel: the depth was really kept.
    const levels = new Set<number>();
    for (let i = 0; i < out16.length; i += 4) levels.add(out16[i]);
    expect(levels.size).toBeGreaterThan(90);
  });

  it('applies EXIF orientation: a rotated JPEG comes out upright', async () => {
    const upright = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 50, b: 50 } } }).jpeg().toBuffer();
    // Stored landscape pixels tagged "rotate 90°": displayed (and returned) as portrait 20×40.
    const tagged = await sharp(upright).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const { result } = await runMatch(readFileSync(path.join(PHOTOS, 'chelsea.jpg')), tagged);
    expect(result).toMatchObject({ width: 20, height: 40 });
    const meta = await sharp(await bed.storage.get(result.key)).metadata();
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta.icc?.length ?? 0).toBeGreaterThan(0);
  });

  it('reports the reference’s fault when both inputs are bad (they decode side by side), and refunds', async () => {
    const truncatedJpeg = (await sharp(path.join(PHOTOS, 'rocket.jpg')).jpeg().toBuffer()).subarray(0, 400);
    const { userId, task } = await runMatch(Buffer.from('plain text, not a picture'), truncatedJpeg);
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await bed.credits.balance(userId)).toBe(5);
    // The target alone bad: its own fault.
    const alone = await runMatch(readFileSync(path.join(PHOTOS, 'coffee.jpg')), truncatedJpeg);
    expect(alone.task.error).toMatchObject({ code: 'INVALID_IMAGE' });
  });

  it('matching an image to itself changes almost nothing', async () => {
    const photo = readFileSync(path.join(PHOTOS, 'rocket.jpg'));
    const { result } = await runMatch(photo, photo, { method: 'balanced' });
    const [before, after] = await Promise.all([channelMeans(photo), channelMeans(await bed.storage.get(result.key))]);
    expect(distance(before, after)).toBeLessThan(2);
    expect(result.color_gap.before.w1_lab).toBeLessThan(0.5);
  });
});
