/**
 * Style transfer (POST /style-transfer/apply's built-in method) on content/style pairs of
 * the fixture photos, through the worker's own StyleTransferEngine on ModelRuntime (CPU
 * unless MODEL_PROVIDER=cuda): the content is cropped and scaled to 1024² (the unit the
 * latency is quoted for), the style decoded from its file as a job does.
 *
 * Per pair: latency split by stage (decode, colour fit on the 512 px proxies, LUT apply,
 * style decode at the content's scale, feeds incl. the seeded noise, the ONNX graph,
 * back to pixels, metrics), medians of BENCH_STYLE_REPS runs (default 3) after one warm-up
 * (the first run, which also builds the session, is reported apart); quality: the style's
 * Gram distance before/after and the structure kept (what the API reports), the luma band
 * energies of content, style and output.
 *
 *   node bench/common/run-ts.js bench/models/style-transfer.bench.ts
 *
 * Writes bench/results/style-transfer.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from 'pino';
import sharp from 'sharp';
import { loadWorkerConfig } from '@gradekit/config';
import { lumaBandEnergies } from '../../apps/worker/src/features/style/band-statistics';
import { styleMetrics } from '../../apps/worker/src/features/style/style-metrics.mapper';
import { StyleTransferEngine } from '../../apps/worker/src/features/style/style-transfer-engine.service';
import { FullImageLut } from '../../apps/worker/src/media/full-image-lut.service';
import { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ModelImageIO } from '../../apps/worker/src/media/models/model-image-io';
import { ModelRuntime } from '../../apps/worker/src/media/models/model-runtime.service';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics.service';
import { PHOTO_DIR, type PhotoName } from '../common/photos';
import { fixed, formatTable } from '../common/table';

const ROOT = path.resolve(__dirname, '..', '..');
const REPS = Number(process.env.BENCH_STYLE_REPS ?? 3);
const SIDE = 1024;
const PAIRS: [PhotoName, PhotoName][] = [
  ['coffee', 'hubble_deep_field'],
  ['astronaut', 'retina'],
  ['motorcycle_left', 'chelsea'],
  ['rocket', 'coffee'],
];
const quietLogger = { info: () => undefined, warn: (fields: unknown, message: string) => console.warn(message, fields) } as unknown as Logger;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const r3 = (v: number) => Math.round(v * 1000) / 1000;

async function main(): Promise<void> {
  const config = loadWorkerConfig({ ...process.env, MODEL_WARMUP: 'false', MODEL_IDLE_UNLOAD_MS: '0' });
  const runtime = new ModelRuntime(config, quietLogger, new WorkerMetrics());
  const decoder = new ImageDecoder(config);
  const io = new ModelImageIO();
  const fullLut = new FullImageLut(config);
  const engine = new StyleTransferEngine(runtime, io, decoder, fullLut);

  const pairs = [];
  for (const [contentName, styleName] of PAIRS) {
    const contentBytes = await sharp(path.join(PHOTO_DIR, `${contentName}.jpg`)).resize(SIDE, SIDE, { fit: 'cover', kernel: 'cubic' }).jpeg({ quality: 92 }).toBuffer();
    const styleBytes = readFileSync(path.join(PHOTO_DIR, `${styleName}.jpg`));
    const runs: Record<string, number>[] = [];
    let last: { metrics: ReturnType<typeof styleMetrics>; gains: number[]; grain: number[]; energies: Record<string, number[]> } | null = null;
    for (let rep = 0; rep <= REPS; rep++) {
      const stages: Record<string, number> = {};
      const t0 = performance.now();
      const [content, style, full] = await Promise.all([
        decoder.decodeProxy(contentBytes, ANALYSIS_PROXY_SIDE),
        decoder.decodeProxy(styleBytes, ANALYSIS_PROXY_SIDE),
        decoder.decodeFull(contentBytes),
      ]);
      stages.decode = performance.now() - t0;
      const original = { ...full.image, data: full.image.data.slice() };
      const styled = await engine.builtin(full.image, content.proxy, style.proxy, styleBytes, { seed: 42, strength: 1 });
      Object.assign(stages, styled.stages);
      const t1 = performance.now();
      const outputProxy = await io.resize(styled.image, content.proxy.width, content.proxy.height, 'fill');
      const metrics = styleMetrics(content.proxy, outputProxy, style.proxy);
      stages.metrics = performance.now() - t1;
      stages.total = performance.now() - t0;
      runs.push(stages);
      if (rep === REPS) {
        const styleFull = await decoder.decodeProxy(styleBytes, SIDE);
        last = {
          metrics,
          gains: styled.gains,
          grain: styled.grain,
          energies: { content: lumaBandEnergies(original).map(r3), style: lumaBandEnergies(styleFull.proxy).map(r3), output: lumaBandEnergies(styled.image).map(r3) },
        };
      }
    }
    const [first, ...timed] = runs;
    const stageNames = Object.keys(first);
    const medians = Object.fromEntries(stageNames.map((s) => [s, Math.round(median(timed.map((r) => r[s])) * 10) / 10]));
    pairs.push({ content: contentName, style: styleName, first_run_total_ms: Math.round(first.total), median_ms: medians, ...last! });
  }

  const stageNames = Object.keys(pairs[0].median_ms);
  console.log(`style transfer, built-in method, ${SIDE}² content, ${runtime.status().provider}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
  console.log(formatTable(['pair', ...stageNames], pairs.map((p) => [`${p.content}←${p.style}`, ...stageNames.map((s) => fixed(p.median_ms[s], 1))])));
  console.log();
  console.log(
    formatTable(
      ['pair', 'gram before', 'gram after', 'reduction %', 'structure kept', 'gains (fine→coarse)', 'grain σ'],
      pairs.map((p) => [`${p.content}←${p.style}`, fixed(p.metrics.style_distance.before, 4), fixed(p.metrics.style_distance.after, 4), fixed(p.metrics.style_distance.reduction_percent, 1), fixed(p.metrics.structure_kept.after, 4), p.gains.map((g) => g.toFixed(2)).join(' '), p.grain.map((g) => g.toFixed(4)).join(' ')]),
    ),
  );
  const figures = {
    bench: 'style-transfer',
    side: SIDE,
    reps: REPS,
    provider: runtime.status().provider,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' },
    mean_total_ms: Math.round(pairs.reduce((s, p) => s + p.median_ms.total, 0) / pairs.length),
    mean_graph_ms: Math.round(pairs.reduce((s, p) => s + p.median_ms.graph, 0) / pairs.length),
    mean_gram_reduction_percent: Math.round((pairs.reduce((s, p) => s + p.metrics.style_distance.reduction_percent, 0) / pairs.length) * 10) / 10,
    mean_structure_kept: r3(pairs.reduce((s, p) => s + p.metrics.structure_kept.after, 0) / pairs.length),
    pairs,
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'style-transfer.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify({ bench: figures.bench, mean_total_ms: figures.mean_total_ms, mean_graph_ms: figures.mean_graph_ms, mean_gram_reduction_percent: figures.mean_gram_reduction_percent, mean_structure_kept: figures.mean_structure_kept }));
  await runtime.onApplicationShutdown();
  await fullLut.onApplicationShutdown();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
