import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyEffects, applyLut, fuseColorSteps } from '@gradekit/color';
import type { ActionStep } from '@gradekit/contracts';
import { ActionStepPlanner } from '../../apps/worker/src/features/actions/action-step.planner';
import { GRADING_LUT_SIZE } from '../../apps/worker/src/features/grading/preset-lut';
import { ExampleLutService } from '../../apps/worker/src/features/lut/example-lut.service';
import type { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import type { ImageEncoder } from '../../apps/worker/src/media/image-encoder';

export const DEMO_ACTION_STEPS: ActionStep[] = [
  { type: 'white_balance', method: 'auto', intensity: 0.8 },
  { type: 'preset', name: 'teal_orange', intensity: 0.6 },
  { type: 'film_effects', preset: 'film_16mm', intensity: 0.5, seed: 42 },
];

/** action_apply: white balance + a preset (fused into one LUT pass) then film grain, as ActionApplyHandler does it. */
export async function writeActionDemo(demoDir: string, photos: string, decoder: ImageDecoder, encoder: ImageEncoder): Promise<void> {
  const bytes = await sharp(path.join(photos, 'motorcycle_right.jpg')).resize(640).jpeg({ quality: 90 }).toBuffer();
  const { proxy } = await decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE);
  const planner = new ActionStepPlanner(new ExampleLutService(decoder));
  const { passes, summaries } = await planner.plan(DEMO_ACTION_STEPS, proxy, { load: () => Promise.reject(new Error('no inputs')), proxy: () => Promise.reject(new Error('no inputs')) }, (_i, given) => given ?? 42);
  const full = await decoder.decodeFull(bytes);
  let image = full.image;
  for (const pass of passes) image = pass.kind === 'lut' ? applyLut(image, fuseColorSteps(pass.colorSteps, GRADING_LUT_SIZE)) : applyEffects(image, pass.effects, { seed: pass.seed });
  const encoded = await encoder.encode(image, full.source.format);
  writeFileSync(path.join(demoDir, 'action.jpg'), encoded.buffer);
  const result = {
    width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha,
    action_id: null, steps: summaries,
    lut_passes: passes.filter((p) => p.kind === 'lut').length, spatial_passes: passes.filter((p) => p.kind === 'effects').length,
    passes: passes.map((p) => (p.kind === 'lut' ? { kind: 'lut', steps: p.steps } : { kind: 'effects', steps: [p.step] })),
  };
  writeFileSync(path.join(demoDir, 'action.json'), `${JSON.stringify(result, null, 2)}\n`);
}
