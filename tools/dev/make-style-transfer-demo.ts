/**
 * The sandbox demo of style_transfer_apply, made by the worker's own code (StyleTransferEngine
 * on ModelRuntime, styleMetrics), as StyleTransferHandler does it: the rocket photo in the
 * style of the coffee photo (seed 42, strength 1).
 *
 *   node bench/common/run-ts.js tools/dev/make-style-transfer-demo.ts
 *
 * Writes apps/api/src/features/style/demo/style-transfer.{jpg,json}.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import sharp from 'sharp';
import { loadWorkerConfig } from '@gradekit/config';
import { BUILTIN_STYLE_MODEL, STYLE_TRANSFER_DEFAULT_SEED } from '@gradekit/contracts';
import { styleMetrics } from '../../apps/worker/src/features/style/style-metrics.mapper';
import { StyleTransferEngine } from '../../apps/worker/src/features/style/style-transfer-engine.service';
import { FullImageLut } from '../../apps/worker/src/media/full-image-lut.service';
import { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ImageEncoder } from '../../apps/worker/src/media/image-encoder';
import { ModelImageIO } from '../../apps/worker/src/media/models/model-image-io';
import { ModelRuntime } from '../../apps/worker/src/media/models/model-runtime.service';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics.service';

const ROOT = path.resolve(__dirname, '..', '..');
const quietLogger = { info: () => undefined, warn: () => undefined } as unknown as Logger;

export async function writeStyleTransferDemo(demoDir: string, photos: string): Promise<void> {
  const config = loadWorkerConfig({ MODEL_IDLE_UNLOAD_MS: '0' });
  const runtime = new ModelRuntime(config, quietLogger, new WorkerMetrics());
  const decoder = new ImageDecoder(config);
  const io = new ModelImageIO();
  const fullLut = new FullImageLut(config);
  const engine = new StyleTransferEngine(runtime, io, decoder, fullLut);
  try {
    const contentBytes = await sharp(path.join(photos, 'rocket.jpg')).jpeg({ quality: 90 }).toBuffer();
    const styleBytes = await sharp(path.join(photos, 'coffee.jpg')).jpeg({ quality: 90 }).toBuffer();
    const [content, style, full] = await Promise.all([
      decoder.decodeProxy(contentBytes, ANALYSIS_PROXY_SIDE),
      decoder.decodeProxy(styleBytes, ANALYSIS_PROXY_SIDE),
      decoder.decodeFull(contentBytes),
    ]);
    const params = { seed: STYLE_TRANSFER_DEFAULT_SEED, strength: 1 };
    const styled = await engine.builtin(await engine.working(full.image), content.proxy, style.proxy, styleBytes, params);
    const outputProxy = await io.resize(styled.image, content.proxy.width, content.proxy.height, 'fill');
    const encoded = await new ImageEncoder().encode(styled.image, full.source.format);
    writeFileSync(path.join(demoDir, 'style-transfer.jpg'), encoded.buffer);
    const result = {
      width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha,
      style_model: BUILTIN_STYLE_MODEL, ...params,
      ...styleMetrics(content.proxy, outputProxy, style.proxy),
    };
    writeFileSync(path.join(demoDir, 'style-transfer.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await runtime.onApplicationShutdown();
    await fullLut.onApplicationShutdown();
  }
}

if (require.main === module) {
  writeStyleTransferDemo(path.join(ROOT, 'apps', 'api', 'src', 'features', 'style', 'demo'), path.join(ROOT, 'test', 'fixtures', 'photos')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
