import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyLut, bakeLut, lookPlan, parseCube, presetTransform } from '@gradekit/color';
import type { FilmEffectsImageResult, LookImageResult, OperationName, PresetImageResult, PresetLutResult } from '@gradekit/contracts';
import { WorkerTestBed, type TestWorker } from '../../test-support/worker-test-bed';
import { effectsSeedOf } from './effects-seed';

const PHOTOS = path.resolve(__dirname, '../../../../../test/fixtures/photos');

jest.setTimeout(60_000);

interface Raw {
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
  channels: number;
}

/** Decoded pixels of an output file, at its own depth. */
async function raw(bytes: Buffer): Promise<Raw> {
  const meta = await sharp(bytes).metadata();
  const sixteen = meta.depth === 'ushort';
  const { data, info } = await sharp(bytes)
    .toColourspace(sixteen ? 'rgb16' : 'srgb')
    .raw({ depth: sixteen ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const pixels = sixteen ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { data: pixels, width: info.width, height: info.height, channels: info.channels };
}

/** Mean of each colour channel over a rectangle (x0, y0, w, h). */
function patchMean(img: Raw, x0: number, y0: number, w: number, h: number): number[] {
  const sums = [0, 0, 0];
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) for (let c = 0; c < 3; c++) sums[c] += img.data[(y * img.width + x) * img.channels + c];
  }
  return sums.map((s) => s / (w * h));
}

/** Mean standard deviation of the green channel over 8×8 blocks: local texture. */
function localStd(img: Raw): number {
  let total = 0;
  let blocks = 0;
  for (let by = 0; by + 8 <= img.height; by += 8) {
    for (let bx = 0; bx + 8 <= img.width; bx += 8) {
      let s = 0;
      let s2 = 0;
      for (let y = by; y < by + 8; y++) {
        for (let x = bx; x < bx + 8; x++) {
          const v = img.data[(y * img.width + x) * img.channels + 1];
          s += v;
          s2 += v * v;
        }
      }
      total += Math.sqrt(Math.max(0, s2 / 64 - (s / 64) ** 2));
      blocks++;
    }
  }
  return total / blocks;
}

/** A flat grey card as an 8-bit PNG (lossless, so pixel assertions are exact). */
function greyCard(width = 96, height = 64, level = 128): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: level, g: level, b: level } } }).png().toBuffer();
}

/** A smooth colour ramp as an 8-bit PNG. */
function ramp(width = 80, height = 48): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((x / (width - 1)) * 255);
      pixels[i + 1] = Math.round((y / (height - 1)) * 255);
      pixels[i + 2] = 255 - pixels[i];
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

describe('preset, film-effect, look and preset-LUT operations through the worker', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('wgrading');
    worker = await bed.start();
  });
  afterAll(() => bed.close());

  async function run(op: OperationName, image: Buffer | null, params: Record<string, unknown>, filename = 'input.png', credits = 1) {
    const userId = await bed.createUser(5);
    const inputs: Record<string, string> = image ? { image: await bed.putInput(userId, image, filename) } : {};
    const created = await bed.createTask(userId, inputs, { op, params: params as never, credits });
    await worker.enqueue(created.id, op);
    const task = await bed.waitForTask(created.id);
    return { userId, task, inputs };
  }

  describe('preset_apply', () => {
    it('warms a grey card with a warm preset, stores output, thumbnail and one History row', async () => {
      const card = await greyCard();
      const { userId, task, inputs } = await run('preset_apply', card, { preset: 'cinematic_warm', intensity: 1 });
      expect(task.status).toBe('completed');
      const result = task.result as unknown as PresetImageResult;
      expect(result).toMatchObject({ key: `u/${userId}/results/${task.id}.png`, format: 'png', width: 96, height: 64, bit_depth: 8, has_alpha: false, preset: 'cinematic_warm', intensity: 1, lut_size: 33 });
      const output = await bed.storage.get(result.key);
      expect(result.bytes).toBe(output.length);
      const [r, , b] = patchMean(await raw(output), 0, 0, 96, 64);
      expect(r - b).toBeGreaterThan(8);
      // Exactly the engine's preset LUT applied to the decoded input.
      const input = await raw(card);
      const expected = applyLut({ ...input, channels: 3 }, bakeLut(presetTransform('cinematic_warm', 1)!, 33));
      expect(Buffer.from((await raw(output)).data as Uint8Array).equals(Buffer.from(expected.data as Uint8Array))).toBe(true);

      expect((await bed.storage.head(result.thumbnail_key))?.bytes).toBeGreaterThan(0);
      const history = await bed.prisma.historyEntry.findMany({ where: { taskId: task.id } });
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ userId, op: 'preset_apply', outputKey: result.key, thumbnailKey: result.thumbnail_key, inputKeys: inputs });
    });

    it('leaves pixels unchanged at intensity 0 and moves them half-way-ish at 0.5', async () => {
      const input = await ramp();
      const zero = await run('preset_apply', input, { preset: 'teal_orange', intensity: 0 });
      const unchanged = await raw(await bed.storage.get((zero.task.result as unknown as PresetImageResult).key));
      expect(Buffer.from(unchanged.data as Uint8Array).equals(Buffer.from((await raw(input)).data as Uint8Array))).toBe(true);

      const card = await greyCard();
      const [full, half] = await Promise.all([
        run('preset_apply', card, { preset: 'golden_hour', intensity: 1 }),
        run('preset_apply', card, { preset: 'golden_hour', intensity: 0.5 }),
      ]);
      const warmth = async (t: typeof full) => {
        const [r, , b] = patchMean(await raw(await bed.storage.get((t.task.result as unknown as PresetImageResult).key)), 0, 0, 96, 64);
        return r - b;
      };
      const [fullWarmth, halfWarmth] = [await warmth(full), await warmth(half)];
      expect(halfWarmth).toBeGreaterThan(1);
      expect(halfWarmth).toBeLessThan(fullWarmth);
    });

    it('keeps 16-bit depth and alpha of a 16-bit RGBA PNG', async () => {
      const width = 64;
      const height = 40;
      const pixels = new Uint16Array(width * height * 4);
      for (let i = 0; i < width * height; i++) {
        pixels[i * 4] = Math.round(((i % width) / (width - 1)) * 60000) + 2000;
        pixels[i * 4 + 1] = 30000;
        pixels[i * 4 + 2] = 20000;
        pixels[i * 4 + 3] = i % 2 === 0 ? 65535 : 12345;
      }
      const png = await sharp(pixels, { raw: { width, height, channels: 4 } }).toColourspace('rgb16').png().toBuffer();
      const { task } = await run('preset_apply', png, { preset: 'bleach_bypass', intensity: 1 });
      const result = task.result as unknown as PresetImageResult;
      expect(result).toMatchObject({ format: 'png', bit_depth: 16, has_alpha: true, width, height });
      const out = await raw(await bed.storage.get(result.key));
      expect(out.data).toBeInstanceOf(Uint16Array);
      expect(out.channels).toBe(4);
      expect([out.data[3], out.data[7]]).toEqual([65535, 12345]);
      const levels = new Set<number>();
      for (let i = 0; i < out.data.length; i += 4) levels.add(out.data[i]);
      expect(levels.size).toBeGreaterThan(48);
      expect(out.data[0]).not.toBe(pixels[0]);
    });

    it('fails and refunds a task naming an unknown preset (final, no retries)', async () => {
      const { userId, task } = await run('preset_apply', await greyCard(16, 16), { preset: 'not_a_preset', intensity: 1 });
      expect(task.status).toBe('failed');
      expect(task.error).toMatchObject({ code: 'NOT_FOUND' });
      expect(task.attempts).toBe(1);
      expect(await bed.credits.balance(userId)).toBe(5);
      expect(await bed.historyCount(task.id)).toBe(0);
    });
  });

  describe('film_effects_apply', () => {
    it('grain raises local variance and keeps the mean; the seed makes it reproducible', async () => {
      // Grain cells are relative to the short side (resolution-independent): on a small image
      // fine grain averages away, so this card is large enough for coarse grain cells of > 1 px.
      const card = await greyCard(256, 256);
      const params = { preset: null, effects: { grain: { amount: 60, size: 100 } }, intensity: 1, seed: 1234 };
      const [first, again] = await Promise.all([run('film_effects_apply', card, params), run('film_effects_apply', card, params)]);
      const result = first.task.result as unknown as FilmEffectsImageResult;
      expect(result).toMatchObject({ preset: null, intensity: 1, seed: 1234, effects: { grain: { amount: 60, size: 100, roughness: 50, color: 0 } }, format: 'png' });
      const out = await raw(await bed.storage.get(result.key));
      const before = await raw(card);
      expect(localStd(before)).toBe(0);
      expect(localStd(out)).toBeGreaterThan(6);
      const [r, g, b] = patchMean(out, 0, 0, 256, 256);
      for (const mean of [r, g, b]) expect(Math.abs(mean - 128)).toBeLessThan(2.5);
      const repeat = await raw(await bed.storage.get((again.task.result as unknown as FilmEffectsImageResult).key));
      expect(Buffer.from(repeat.data as Uint8Array).equals(Buffer.from(out.data as Uint8Array))).toBe(true);
      expect(await bed.historyCount(first.task.id)).toBe(1);
    });

    it('derives the seed from the task id when none is given: different tasks, different grain', async () => {
      const card = await greyCard(64, 64);
      const params = { preset: 'tri_x_grain', effects: {}, intensity: 1 };
      const [a, b] = await Promise.all([run('film_effects_apply', card, params), run('film_effects_apply', card, params)]);
      const ra = a.task.result as unknown as FilmEffectsImageResult;
      const rb = b.task.result as unknown as FilmEffectsImageResult;
      expect(ra.seed).toBe(effectsSeedOf({ id: a.task.id, params: {} }));
      expect(ra.seed).not.toBe(rb.seed);
      const [pa, pb] = [await raw(await bed.storage.get(ra.key)), await raw(await bed.storage.get(rb.key))];
      expect(Buffer.from(pa.data as Uint8Array).equals(Buffer.from(pb.data as Uint8Array))).toBe(false);
    });

    it('merges overrides onto the preset parameter by parameter and scales strengths by intensity', async () => {
      const { task } = await run('film_effects_apply', await greyCard(48, 32), { preset: 'lomo', effects: { vignette: { amount: 0 }, bloom: { strength: 40 } }, intensity: 0.5 });
      const result = task.result as unknown as FilmEffectsImageResult;
      expect(result.preset).toBe('lomo');
      // lomo's vignette switched off (its shape kept), its fringing and grain at half strength, a bloom added with defaults.
      expect(result.effects.vignette).toEqual({ amount: 0, midpoint: 35, roundness: 80, feather: 45 });
      expect(result.effects.chromatic_aberration).toEqual({ amount: 0.0015 });
      expect(result.effects.grain.amount).toBe(7.5);
      expect(result.effects.bloom).toEqual({ strength: 20, threshold: 0.7, radius: 0.015 });
    });
  });

  describe('look_apply', () => {
    it('grades the colour, then vignettes: corners darker than the centre; overrides can switch the vignette off', async () => {
      const card = await greyCard(160, 120);
      const base = { look: 'blade_runner', intensity: 1, color_intensity: 1, effects_intensity: 1, seed: 5 };
      const [withVignette, without] = await Promise.all([
        run('look_apply', card, { ...base, effects_overrides: { grain: { amount: 0 } } }),
        run('look_apply', card, { ...base, effects_overrides: { grain: { amount: 0 }, vignette: { amount: 0 } } }),
      ]);
      const result = withVignette.task.result as unknown as LookImageResult;
      expect(result).toMatchObject({ look: 'blade_runner', intensity: 1, color_intensity: 1, effects_intensity: 1, seed: 5, lut_size: 33, format: 'png' });
      expect(result.effects.grain.amount).toBe(0);
      expect(result.effects.vignette.amount).toBeGreaterThan(0);
      const out = await raw(await bed.storage.get(result.key));
      const luma = (m: number[]) => 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2];
      const centre = patchMean(out, 70, 50, 20, 20);
      const corners = [patchMean(out, 0, 0, 10, 10), patchMean(out, 150, 0, 10, 10), patchMean(out, 0, 110, 10, 10), patchMean(out, 150, 110, 10, 10)];
      for (const corner of corners) expect(luma(centre) - luma(corner)).toBeGreaterThan(10);
      // The colour part: the centre (no vignette there) is the look's LUT applied to grey.
      const lut = bakeLut(lookPlan('blade_runner')!.colorTransform, 33);
      const grey = applyLut({ data: new Uint8Array([128, 128, 128]), width: 1, height: 1, channels: 3 }, lut).data;
      expect(Math.max(...centre.map((v, c) => Math.abs(v - grey[c])))).toBeLessThan(1.5);
      expect(Math.max(...[0, 1, 2].map((c) => Math.abs(grey[c] - 128)))).toBeGreaterThan(3);

      const flat = await raw(await bed.storage.get((without.task.result as unknown as LookImageResult).key));
      const flatCentre = patchMean(flat, 70, 50, 20, 20);
      const flatCorner = patchMean(flat, 0, 0, 10, 10);
      expect(Math.abs(luma(flatCentre) - luma(flatCorner))).toBeLessThan(1.5);
      expect(await bed.historyCount(withVignette.task.id)).toBe(1);
    });

    it('is the identity with both part intensities at 0, and applies EXIF orientation', async () => {
      const input = await ramp();
      const { task } = await run('look_apply', input, { look: 'sin_city', intensity: 1, color_intensity: 0, effects_intensity: 0, effects_overrides: {} });
      const out = await raw(await bed.storage.get((task.result as unknown as LookImageResult).key));
      expect(Buffer.from(out.data as Uint8Array).equals(Buffer.from((await raw(input)).data as Uint8Array))).toBe(true);

      const upright = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 150, g: 90, b: 60 } } }).jpeg().toBuffer();
      const tagged = await sharp(upright).withMetadata({ orientation: 6 }).jpeg().toBuffer();
      const rotated = await run('look_apply', tagged, { look: 'amelie', intensity: 1, color_intensity: 1, effects_intensity: 1, effects_overrides: {} }, 'photo.jpg');
      expect(rotated.task.result).toMatchObject({ width: 20, height: 40, format: 'jpeg' });
    });
  });

  describe('lut_export_preset', () => {
    it('writes the preset LUT as a .cube that reproduces preset_apply, and a History row', async () => {
      const { userId, task } = await run('lut_export_preset', null, { preset: 'teal_orange', size: 33, intensity: 1 }, 'unused', 2);
      expect(task.status).toBe('completed');
      const result = task.result as unknown as PresetLutResult;
      expect(result).toMatchObject({
        key: `u/${userId}/luts/${task.id}.cube`,
        filename: 'gradekit-preset-teal_orange-33.cube',
        format: 'cube',
        size: 33,
        preset: 'teal_orange',
        intensity: 1,
        spatial_effects_included: false,
      });
      const text = (await bed.storage.get(result.key)).toString('utf8');
      expect(text).toMatch(/spatial effects/);
      const cube = parseCube(text);
      expect(cube.size).toBe(33);

      const photo = await sharp(readFileSync(path.join(PHOTOS, 'chelsea.jpg'))).resize(120).png().toBuffer();
      const applied = await run('preset_apply', photo, { preset: 'teal_orange', intensity: 1 });
      const viaApi = await raw(await bed.storage.get((applied.task.result as unknown as PresetImageResult).key));
      const viaCube = applyLut({ ...(await raw(photo)), channels: 3 }, cube);
      let worst = 0;
      for (let i = 0; i < viaApi.data.length; i++) worst = Math.max(worst, Math.abs(viaApi.data[i] - viaCube.data[i]));
      expect(worst).toBeLessThanOrEqual(1);

      const history = await bed.prisma.historyEntry.findMany({ where: { taskId: task.id } });
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ op: 'lut_export_preset', lutKey: result.key, outputKey: null });
    });

    it('names partial-strength exports and bakes at the requested size', async () => {
      const { task } = await run('lut_export_preset', null, { preset: 'noir', size: 17, intensity: 0.5 }, 'unused', 2);
      const result = task.result as unknown as PresetLutResult;
      expect(result).toMatchObject({ filename: 'gradekit-preset-noir-50pct-17.cube', size: 17, intensity: 0.5, title: 'Gradekit preset noir at 50% (17^3)' });
      expect(parseCube((await bed.storage.get(result.key)).toString('utf8')).size).toBe(17);
    });
  });
});
