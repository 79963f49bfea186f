/**
 * The sandbox demo of faces_detect: the real detection of the astronaut test photo, made
 * by the worker's own ImageDecoder, FaceDetector and FacesDetectHandler mapping.
 *   node bench/common/run-ts.js tools/dev/make-faces-demo.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { loadWorkerConfig } from '@gradekit/config';
import { FaceDetector } from '../../apps/worker/src/features/faces/face-detector.service';
import { DETECTION_PROXY_SIDE, toSourceFace } from '../../apps/worker/src/features/faces/faces-detect.handler';
import { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ModelImageIO } from '../../apps/worker/src/media/models/model-image-io';
import { ModelRuntime } from '../../apps/worker/src/media/models/model-runtime.service';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics.service';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_DIR = path.join(ROOT, 'apps', 'api', 'src', 'features', 'faces', 'demo');

/** A FaceDetector outside Nest, on the worker's config from the environment (the bench builds it the same way). */
export function standaloneFaceDetector(env: NodeJS.ProcessEnv = process.env): { detector: FaceDetector; decoder: ImageDecoder; runtime: ModelRuntime } {
  const config = loadWorkerConfig({ MODEL_CACHE_DIR: path.join(ROOT, 'data', 'model-cache'), ...env });
  const runtime = new ModelRuntime(config, pino({ level: 'warn' }), new WorkerMetrics());
  return { detector: new FaceDetector(runtime, new ModelImageIO()), decoder: new ImageDecoder(config), runtime };
}

export async function writeFacesDemo(demoDir: string, photo = path.join(ROOT, 'test', 'fixtures', 'photos', 'astronaut.jpg')): Promise<void> {
  const { detector, decoder, runtime } = standaloneFaceDetector();
  const { source, proxy } = await decoder.decodeProxy(readFileSync(photo), DETECTION_PROXY_SIDE);
  const { faces, model } = await detector.detect(proxy);
  const result = { faces: faces.map((f) => toSourceFace(f, source.width / proxy.width, source.height / proxy.height, source.width, source.height)), width: source.width, height: source.height, model };
  writeFileSync(path.join(demoDir, 'faces-detect.json'), `${JSON.stringify(result, null, 2)}\n`);
  await runtime.onApplicationShutdown();
}

if (require.main === module) {
  writeFacesDemo(DEMO_DIR).then(
    () => process.stdout.write(`wrote ${path.relative(ROOT, DEMO_DIR)}/faces-detect.json\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
