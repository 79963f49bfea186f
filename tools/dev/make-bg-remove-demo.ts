/**
 * The sandbox demo of bg_remove_apply: a real ISNet cutout of a test photo, made by the
 * worker's own BackgroundRemover and ImageEncoder (the model joined from its npm package
 * into MODEL_CACHE_DIR, default data/model-cache, on first use).
 *   node bench/common/run-ts.js tools/dev/make-bg-remove-demo.ts
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { loadWorkerConfig } from '@gradekit/config';
import { BackgroundRemover } from '../../apps/worker/src/features/background/background-remover.service';
import type { Rgb8Image } from '../../apps/worker/src/features/background/matte-compose';
import { ImageEncoder } from '../../apps/worker/src/media/image-encoder';
import { ModelImageIO } from '../../apps/worker/src/media/models/model-image-io';
import { ModelRuntime } from '../../apps/worker/src/media/models/model-runtime.service';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics.service';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_DIR = path.join(ROOT, 'apps', 'api', 'src', 'features', 'background', 'demo');

/** A BackgroundRemover outside Nest, on the worker's config from the environment (the bench builds it the same way). */
export function standaloneRemover(env: NodeJS.ProcessEnv = process.env): { remover: BackgroundRemover; runtime: ModelRuntime } {
  const config = loadWorkerConfig({ MODEL_CACHE_DIR: path.join(ROOT, 'data', 'model-cache'), ...env });
  const runtime = new ModelRuntime(config, pino({ level: 'warn' }), new WorkerMetrics());
  return { remover: new BackgroundRemover(runtime, new ModelImageIO()), runtime };
}

export async function writeBgRemoveDemo(demoDir: string, photo = path.join(ROOT, 'test', 'fixtures', 'photos', 'astronaut.jpg')): Promise<void> {
  const { remover, runtime } = standaloneRemover();
  const jpeg = await sharp(photo).resize(384, 384, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
  let t0 = performance.now();
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const image: Rgb8Image = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
  const decode = Math.round(performance.now() - t0);
  const removal = await remover.remove(image, { output: 'cutout', refine_edges: false, crop_to_subject: false, padding: 0 });
  t0 = performance.now();
  const encoded = await new ImageEncoder().encode(removal.image, 'png');
  const encode = Math.round(performance.now() - t0);
  const stages = Object.fromEntries(Object.entries(removal.timings).map(([k, v]) => [k, Math.round(v)]));
  writeFileSync(path.join(demoDir, 'bg-remove.png'), encoded.buffer);
  const result = {
    width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha,
    output: 'cutout', model: removal.model, refine_edges: false, subject_box: removal.subjectBox, crop: null, foreground_fraction: removal.foregroundFraction,
    timings_ms: { decode, ...stages, encode },
  };
  writeFileSync(path.join(demoDir, 'bg-remove.json'), `${JSON.stringify(result, null, 2)}\n`);
  await runtime.onApplicationShutdown();
}

if (require.main === module) {
  writeBgRemoveDemo(DEMO_DIR).then(
    () => process.stdout.write(`wrote ${path.relative(ROOT, DEMO_DIR)}/bg-remove.png and bg-remove.json\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
