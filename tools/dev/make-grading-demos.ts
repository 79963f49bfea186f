/**
 * The sandbox demos of the preset, film-effect, look and preset-LUT operations, made
 * by the worker's own plans (presetLut, filmEffectsPlan, lookRenderPlan) and media
 * adapters on demo-sized test photos. Called by make-sandbox-demos.ts.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyEffects, applyLut, writeCube, type EffectsConfig, type Lut3D } from '@gradekit/color';
import { LUT_SPATIAL_EFFECTS_NOTE, snakeCaseKeys } from '@gradekit/contracts';
import { filmEffectsPlan } from '../../apps/worker/src/features/grading/film-effects.plan';
import { lookRenderPlan } from '../../apps/worker/src/features/grading/look.plan';
import { GRADING_LUT_SIZE, presetLut } from '../../apps/worker/src/features/grading/preset-lut';
import type { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import type { ImageEncoder } from '../../apps/worker/src/media/image-encoder';

/** The preset, film-effect preset and look the demos show (the demo is the same whatever name a sandbox call gives). */
export const DEMO_PRESET = 'cinematic_warm';
export const DEMO_FILM_EFFECT_PRESET = 'film_16mm';
export const DEMO_LOOK = 'blade_runner';
/** A fixed grain seed: real calls derive theirs from the task id. */
const DEMO_SEED = 42;

function write(dir: string, file: string, content: string | Buffer): void {
  writeFileSync(path.join(dir, file), content);
}

async function render(
  decoder: ImageDecoder,
  encoder: ImageEncoder,
  photo: string,
  steps: { lut?: Lut3D; effects?: EffectsConfig },
): Promise<{ buffer: Buffer; fields: Record<string, unknown> }> {
  // A demo-sized copy (long side 640) of the test photo, as the other demos use.
  const bytes = await sharp(photo).resize(640, 640, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
  const full = await decoder.decodeFull(bytes);
  let image = full.image;
  if (steps.lut) image = applyLut(image, steps.lut);
  if (steps.effects) image = applyEffects(image, steps.effects, { seed: DEMO_SEED });
  const encoded = await encoder.encode(image, full.source.format);
  return {
    buffer: encoded.buffer,
    fields: { width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha },
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function writeGradingDemos(demoDir: string, photosDir: string, decoder: ImageDecoder, encoder: ImageEncoder): Promise<void> {
  // preset_apply: as PresetApplyHandler does it.
  const preset = await render(decoder, encoder, path.join(photosDir, 'motorcycle_left.jpg'), { lut: presetLut(DEMO_PRESET, 1) });
  write(demoDir, 'preset.jpg', preset.buffer);
  write(demoDir, 'preset.json', json({ ...preset.fields, preset: DEMO_PRESET, intensity: 1, lut_size: GRADING_LUT_SIZE }));

  // film_effects_apply: as FilmEffectsApplyHandler does it.
  const film = filmEffectsPlan({ preset: DEMO_FILM_EFFECT_PRESET, effects: {}, intensity: 1 });
  const filmImage = await render(decoder, encoder, path.join(photosDir, 'chelsea.jpg'), { effects: film.effects });
  write(demoDir, 'film-effects.jpg', filmImage.buffer);
  write(demoDir, 'film-effects.json', json({ ...filmImage.fields, preset: film.preset, intensity: film.intensity, seed: DEMO_SEED, effects: snakeCaseKeys(film.effects) }));

  // look_apply: as LookApplyHandler does it.
  const look = lookRenderPlan({ look: DEMO_LOOK, intensity: 1, color_intensity: 1, effects_intensity: 1, effects_overrides: {} });
  const lookImage = await render(decoder, encoder, path.join(photosDir, 'rocket.jpg'), { lut: look.lut, effects: look.effects });
  write(demoDir, 'look.jpg', lookImage.buffer);
  write(
    demoDir,
    'look.json',
    json({
      ...lookImage.fields,
      look: DEMO_LOOK,
      intensity: look.intensity,
      color_intensity: look.colorIntensity,
      effects_intensity: look.effectsIntensity,
      seed: DEMO_SEED,
      lut_size: look.lut.size,
      effects: snakeCaseKeys(look.effects),
    }),
  );

  // lut_export_preset: the demo preset's LUT at 17³ (small shipped file), written as LutOutputService writes it.
  const title = `Gradekit preset ${DEMO_PRESET} (17^3)`;
  const cube = writeCube(presetLut(DEMO_PRESET, 1, 17), { title, comments: ['Gradekit sandbox demo LUT', LUT_SPATIAL_EFFECTS_NOTE, 'Input and output: sRGB-encoded display values (0–1).'] });
  write(demoDir, 'preset.cube', cube);
  write(
    demoDir,
    'lut-export-preset.json',
    json({
      filename: `gradekit-preset-${DEMO_PRESET}-17.cube`,
      format: 'cube',
      size: 17,
      bytes: Buffer.byteLength(cube),
      title,
      spatial_effects_included: false,
      note: LUT_SPATIAL_EFFECTS_NOTE,
      preset: DEMO_PRESET,
      intensity: 1,
    }),
  );
}
