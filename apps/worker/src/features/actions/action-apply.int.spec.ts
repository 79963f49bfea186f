import sharp from 'sharp';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

jest.setTimeout(60_000);

async function greyCard(): Promise<Buffer> {
  const width = 160;
  const height = 120;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) raw.fill(Math.round(40 + (180 * (i % width)) / width), i * 3, i * 3 + 3);
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

describe('action_apply through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  beforeAll(async () => {
    bed = await WorkerTestBed.create('wact');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  async function run(steps: unknown[]) {
    const userId = await bed.createUser(10);
    const created = await bed.createTask(userId, { image: await bed.putInput(userId, await greyCard(), 'card.png') }, { op: 'action_apply', credits: 2, params: { steps: steps as never, action_id: null } });
    await worker.enqueue(created.id, 'action_apply');
    const task = await bed.waitForTask(created.id);
    const result = task.result as { key: string; lut_passes: number; spatial_passes: number; passes: { kind: string; steps: number[] }[]; steps: { type: string }[] };
    return { task, result, output: task.status === 'completed' ? await bed.storage.get(result.key) : Buffer.alloc(0) };
  }

  it('fuses consecutive colour steps into one LUT pass and runs effects as their own passes', async () => {
    const colourOnly = await run([{ type: 'preset', name: 'teal_orange' }, { type: 'grade', values: { exposure: 0.5 } }, { type: 'white_balance', method: 'gray_world', intensity: 0.5 }]);
    expect(colourOnly.task.status).toBe('completed');
    expect(colourOnly.result).toMatchObject({ lut_passes: 1, spatial_passes: 0, passes: [{ kind: 'lut', steps: [0, 1, 2] }] });

    const split = await run([{ type: 'preset', name: 'teal_orange' }, { type: 'film_effects', effects: { vignette: { amount: 60 } } }, { type: 'grade', values: { saturation: -100 } }]);
    expect(split.result).toMatchObject({ lut_passes: 2, spatial_passes: 1, passes: [{ kind: 'lut', steps: [0] }, { kind: 'effects', steps: [1] }, { kind: 'lut', steps: [2] }] });
    // The last step desaturates everything the steps before it did: the output is grey.
    const { data, info } = await sharp(split.output).raw().toBuffer({ resolveWithObject: true });
    let maxChroma = 0;
    for (let i = 0; i < data.length; i += info.channels) maxChroma = Math.max(maxChroma, Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]));
    expect(maxChroma).toBeLessThanOrEqual(3);
    // The vignette darkened the corners relative to the centre.
    const corner = data[0];
    const centre = data[(60 * info.width + 80) * info.channels];
    expect(corner).toBeLessThan(centre);
  });

  it('gives the same image as applying the colour steps one by one (within rounding)', async () => {
    const fused = await run([{ type: 'grade', values: { exposure: 0.7 } }, { type: 'grade', values: { contrast: 40 } }]);
    const stepwiseA = await run([{ type: 'grade', values: { exposure: 0.7 } }]);
    const userId = await bed.createUser(10);
    const second = await bed.createTask(userId, { image: await bed.putInput(userId, stepwiseA.output, 'a.png') }, { op: 'action_apply', credits: 2, params: { steps: [{ type: 'grade', values: { contrast: 40 } }] as never, action_id: null } });
    await worker.enqueue(second.id, 'action_apply');
    const stepwise = await bed.storage.get(((await bed.waitForTask(second.id)).result as { key: string }).key);
    const a = await sharp(fused.output).raw().toBuffer();
    const b = await sharp(stepwise).raw().toBuffer();
    let total = 0;
    for (let i = 0; i < a.length; i++) total += Math.abs(a[i] - b[i]);
    expect(total / a.length).toBeLessThan(1.5);
  });
});
