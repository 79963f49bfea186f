import sharp from 'sharp';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

jest.setTimeout(60_000);

/** A soft grey ramp target, and two references with strong, different colours. */
async function scenes() {
  const width = 200;
  const height = 100;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.fill(Math.round(60 + (140 * y) / height), (y * width + x) * 3, (y * width + x) * 3 + 3);
  const target = await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const solid = (r: number, g: number, b: number) =>
    sharp({ create: { width: 64, height: 64, channels: 3, background: { r, g, b } } })
      .composite([{ input: { create: { width: 32, height: 64, channels: 3, background: { r: r * 0.6, g: g * 0.6, b: b * 0.6 } } }, left: 0, top: 0 }])
      .png()
      .toBuffer();
  return { target, warm: await solid(220, 120, 40), cool: await solid(40, 110, 220) };
}

async function regionMean(png: Buffer, left: number, width: number): Promise<number[]> {
  const crop = await sharp(png).extract({ left, top: 0, width, height: 100 }).png().toBuffer();
  return (await sharp(crop).stats()).channels.slice(0, 3).map((c) => c.mean);
}

describe('match_multi through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  beforeAll(async () => {
    bed = await WorkerTestBed.create('wmulti');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  async function run(params: Record<string, unknown>) {
    const { target, warm, cool } = await scenes();
    const userId = await bed.createUser(5);
    const inputs = {
      target: await bed.putInput(userId, target, 'target.png'),
      'reference:0': await bed.putInput(userId, warm, 'warm.png'),
      'reference:1': await bed.putInput(userId, cool, 'cool.png'),
    };
    const created = await bed.createTask(userId, inputs, { op: 'match_multi', params: { method: 'natural', transition_width: 0.2, angle: 0, params: {}, count: 2, weights: null, ...params } as never });
    await worker.enqueue(created.id, 'match_multi');
    const task = await bed.waitForTask(created.id);
    return { task, output: task.status === 'completed' ? await bed.storage.get((task.result as { key: string }).key) : Buffer.alloc(0) };
  }

  it('gradient: the left of the frame takes the first reference, the right the second', async () => {
    const { task, output } = await run({ blend_mode: 'gradient', intensity: 1 });
    expect(task.status).toBe('completed');
    const result = task.result as { blend_mode: string; color_gaps: { reference_index: number; before: { w1_lab: number } }[] };
    expect(result.blend_mode).toBe('gradient');
    expect(result.color_gaps.map((g) => g.reference_index)).toEqual([0, 1]);
    const left = await regionMean(output, 0, 40);
    const right = await regionMean(output, 160, 40);
    expect(left[0] - left[2]).toBeGreaterThan(20); // warm: R > B
    expect(right[2] - right[0]).toBeGreaterThan(20); // cool: B > R
  });

  it('weighted: the heavier reference dominates; intensity scales the move', async () => {
    const warmHeavy = await run({ blend_mode: 'weighted', weights: [0.9, 0.1], intensity: 1 });
    const coolHeavy = await run({ blend_mode: 'weighted', weights: [0.1, 0.9], intensity: 1 });
    const a = await regionMean(warmHeavy.output, 0, 200);
    const b = await regionMean(coolHeavy.output, 0, 200);
    expect(a[0] - a[2]).toBeGreaterThan(b[0] - b[2] + 20);
    const gentle = await run({ blend_mode: 'weighted', weights: [0.9, 0.1], intensity: 0.3 });
    const g = await regionMean(gentle.output, 0, 200);
    expect(Math.abs(g[0] - g[2])).toBeLessThan(Math.abs(a[0] - a[2]));
  });
});
