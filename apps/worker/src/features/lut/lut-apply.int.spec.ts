import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { bakeLut, parseCube, writeCube } from '@gradekit/color';
import { meanDeltaE2000 } from '../../../../../test/support/delta-e';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';

const PHOTOS = path.resolve(__dirname, '../../../../../test/fixtures/photos');

jest.setTimeout(60_000);

/** The same frame "edited": warmer, lifted shadows — what a colourist might do by hand. */
async function edited(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).linear([1.1, 1.0, 0.8], [12, 6, 0]).modulate({ saturation: 1.2 }).jpeg({ quality: 95 }).toBuffer();
}

describe('LUTs from user material through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  let before: Buffer;
  let after: Buffer;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wlut');
    worker = await bed.start();
    before = await sharp(readFileSync(path.join(PHOTOS, 'astronaut.jpg'))).resize(256).jpeg({ quality: 95 }).toBuffer();
    after = await edited(before);
  });
  afterAll(() => bed.close());

  async function run(op: 'lut_apply' | 'lut_export_before_after', files: Record<string, Buffer>, params: Record<string, string | number> = { size: 33 }) {
    const userId = await bed.createUser(10);
    const inputs: Record<string, string> = {};
    for (const [role, bytes] of Object.entries(files)) inputs[role] = await bed.putInput(userId, bytes, role === 'lut' ? 'grade.cube' : `${role}.jpg`);
    const created = await bed.createTask(userId, inputs, { op, params, credits: op === 'lut_apply' ? 1 : 2 });
    await worker.enqueue(created.id, op);
    return { userId, task: await bed.waitForTask(created.id) };
  }

  it('fits the edit from a before/after pair and reproduces it on the before image (and at another size)', async () => {
    const { task } = await run('lut_apply', { image: before, before, after: await sharp(after).resize(512).toBuffer() });
    expect(task.status).toBe('completed');
    const result = task.result as { key: string; lut: { kind: string; size: number; coverage: number; rms_error: number } };
    expect(result.lut).toMatchObject({ kind: 'examples', size: 33 });
    const output = await bed.storage.get(result.key);
    expect(await meanDeltaE2000(output, after)).toBeLessThan(2.5);
    expect(await meanDeltaE2000(before, after)).toBeGreaterThan(5);
  });

  it('exports the fitted LUT as a .cube with its fit quality', async () => {
    const { task } = await run('lut_export_before_after', { before, after }, { size: 17 });
    const result = task.result as { key: string; size: number; fit: { coverage: number; rms_error: number }; spatial_effects_included: boolean };
    expect(result).toMatchObject({ size: 17, spatial_effects_included: false });
    expect(result.fit.rms_error).toBeLessThan(6);
    expect(result.fit.coverage).toBeGreaterThan(0);
    const lut = parseCube((await bed.storage.get(result.key)).toString('utf8'));
    expect(lut.size).toBe(17);
  });

  it('applies an uploaded .cube, and a malformed one fails with the line number and a refund', async () => {
    const invert = writeCube(bakeLut((rgb) => { for (let i = 0; i < rgb.length; i++) rgb[i] = 1 - rgb[i]; }, 17));
    const ok = await run('lut_apply', { image: before, lut: Buffer.from(invert) });
    expect(ok.task.status).toBe('completed');
    const out = await sharp(await bed.storage.get((ok.task.result as { key: string }).key)).stats();
    const src = await sharp(before).stats();
    expect(out.channels[0].mean).toBeCloseTo(255 - src.channels[0].mean, -1);

    const broken = Buffer.from('LUT_3D_SIZE 2\n0 0 0\n1 1 banana\n');
    const failed = await run('lut_apply', { image: before, lut: broken });
    expect(failed.task.status).toBe('failed');
    expect(failed.task.error).toMatchObject({ code: 'UNPROCESSABLE', details: [{ field: 'lut_key', line: 3 }] });
    expect(await bed.credits.balance(failed.userId)).toBe(10);
  });

  it('refuses a pair that does not show the same frame (422, refunded)', async () => {
    const wide = await sharp(before).resize(256, 128, { fit: 'fill' }).jpeg().toBuffer();
    const { task, userId } = await run('lut_export_before_after', { before, after: wide });
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({ code: 'UNPROCESSABLE' });
    expect(await bed.credits.balance(userId)).toBe(10);
  });
});
