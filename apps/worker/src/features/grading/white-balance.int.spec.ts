import sharp from 'sharp';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

jest.setTimeout(60_000);

/** A scene of grey and white patches plus a coloured object, photographed under a warm light (R×1.3, B×0.7). */
async function warmCastScene(): Promise<Buffer> {
  const width = 240;
  const height = 160;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = x < 80 ? [200, 200, 200] : x < 160 ? [110, 110, 110] : y < 80 ? [60, 120, 190] : [230, 230, 230];
      raw.set([Math.min(255, base[0] * 1.25), base[1], base[2] * 0.7].map(Math.round), (y * width + x) * 3);
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function patchMean(png: Buffer, left: number, top: number, size = 20): Promise<number[]> {
  // stats() reads the pipeline's input, so the crop is materialised first.
  const crop = await sharp(png).extract({ left, top, width: size, height: size }).png().toBuffer();
  const stats = await sharp(crop).stats();
  return stats.channels.slice(0, 3).map((c) => c.mean);
}

describe('white balance through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  beforeAll(async () => {
    bed = await WorkerTestBed.create('wwb');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  async function run(bytes: Buffer, params: Record<string, string | number>) {
    const userId = await bed.createUser(5);
    const key = await bed.putInput(userId, bytes, 'scene.png');
    const created = await bed.createTask(userId, { image: key }, { op: 'white_balance_apply', params });
    await worker.enqueue(created.id, 'white_balance_apply');
    const task = await bed.waitForTask(created.id);
    const result = task.result as { key: string; estimated_white: { cct_kelvin: number }; format: string };
    return { task, result, output: task.status === 'completed' ? await bed.storage.get(result.key) : Buffer.alloc(0) };
  }

  const cast = (rgb: number[]) => Math.max(...rgb) - Math.min(...rgb);

  it('auto neutralises a warm cast: grey patches come out grey, and the white it removed is warm', async () => {
    const scene = await warmCastScene();
    const { task, result, output } = await run(scene, { method: 'auto', intensity: 1 });
    expect(task.status).toBe('completed');
    expect(result.format).toBe('png');
    const before = await patchMean(scene, 100, 60);
    const after = await patchMean(output, 100, 60);
    expect(cast(before)).toBeGreaterThan(40);
    expect(cast(after)).toBeLessThan(cast(before) / 4);
    expect(result.estimated_white.cct_kelvin).toBeLessThan(5000);
  });

  it('neutral_point makes the chosen spot neutral; intensity 0 changes nothing', async () => {
    const scene = await warmCastScene();
    // The light-grey column is at x < 80: point at its middle.
    const { output } = await run(scene, { method: 'neutral_point', intensity: 1, neutral_x: 0.15, neutral_y: 0.5 });
    expect(cast(await patchMean(output, 20, 60))).toBeLessThan(6);
    const untouched = await run(scene, { method: 'gray_world', intensity: 0 });
    const a = await sharp(scene).raw().toBuffer();
    const b = await sharp(untouched.output).raw().toBuffer();
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    expect(maxDiff).toBeLessThanOrEqual(1);
  });
});
