/**
 * Regenerates the sandbox demo results shipped with the api
 * (apps/api/src/operations/sandbox/demo/*.json) by running the worker's real
 * handlers' code on a demo photo, so sandbox answers are real results of the
 * same shape, not placeholders.
 *   node bench/common/run-ts.js tools/dev/make-sandbox-demos.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeImage } from '@gradekit/color';
import { loadWorkerConfig } from '@gradekit/config';
import { toAnalyzeResult } from '../../apps/worker/src/handlers/analyze/analyze-result.mapper';
import { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_DIR = path.join(ROOT, 'apps', 'api', 'src', 'operations', 'sandbox', 'demo');
const DEMO_PHOTO = path.join(ROOT, 'test', 'fixtures', 'photos', 'coffee.jpg');

async function main(): Promise<void> {
  const decoder = new ImageDecoder(loadWorkerConfig({}));
  const { source, proxy } = await decoder.decodeProxy(readFileSync(DEMO_PHOTO), ANALYSIS_PROXY_SIDE);
  const analyze = toAnalyzeResult(source, analyzeImage(proxy, { proxySize: ANALYSIS_PROXY_SIDE }));
  writeFileSync(path.join(DEMO_DIR, 'analyze.json'), `${JSON.stringify(analyze, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(ROOT, DEMO_DIR)}/analyze.json\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
