/**
 * Background removal (bg_remove_apply) on CPU: quality on the synthetic evaluation set
 * (bench/models/synthetic-subjects.ts: real photos' regions with a known matte over other
 * photos) with and without refine_edges — IoU, boundary F-score (3 px) and MAE — at 1 MP
 * and 4.3 MP; then per-image latency at 1 MP and 12 MP split into the handler's stages
 * (decode, preprocess, inference, refine, compose, encode), each a median of --reps runs.
 * The model, the guided filter and the encoder are the worker's own code
 * (BackgroundRemover, ImageDecoder, ImageEncoder). Prints tables and one JSON line,
 * written to bench/results/bg-remove.json as well.
 *   node bench/common/run-ts.js bench/models/bg-remove.bench.ts [--reps 3] [--quick]
 * --quick: the 1 MP quality set and 1 MP latency only (≈ 40 s).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { loadWorkerConfig } from '@gradekit/config';
import type { BgRemoveTimings } from '@gradekit/contracts';
import { refineSettings } from '../../apps/worker/src/features/background/background-remover.service';
import { to8Bit, type Rgb8Image } from '../../apps/worker/src/features/background/matte-compose';
import { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ImageEncoder } from '../../apps/worker/src/media/image-encoder';
import { inputSize } from '../../apps/worker/src/media/models/model-image-io';
import { standaloneRemover } from '../../tools/dev/make-bg-remove-demo';
import { PHOTO_DIR } from '../common/photos';
import { fixed, formatTable } from '../common/table';
import { matteScores, type MatteScores } from './matte-metrics';
import { EVALUATION_CASES, syntheticComposite } from './synthetic-subjects';

const QUALITY_SIZES: [number, number][] = [
  [1155, 866], // 1.0 MP
  [2400, 1800], // 4.3 MP
];
const LATENCY_SIZES: [number, number][] = [
  [1155, 866],
  [4000, 3000],
];
/** The case the e2e test asserts its IoU floor on, at the test's size. */
const E2E_CASE: [number, number] = [800, 600];

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

interface QualityRow {
  case: string;
  width: number;
  height: number;
  raw: MatteScores;
  refined: MatteScores;
}

async function main(): Promise<void> {
  const reps = Number(argValue('--reps') ?? 3);
  const quick = process.argv.includes('--quick');
  const { remover, runtime } = standaloneRemover();
  const entry = remover.model();
  const decoder = new ImageDecoder(loadWorkerConfig({}));
  const encoder = new ImageEncoder();

  // Quality: one model run per case and size; refine_edges applied to the same matte with the handler's own settings.
  const quality: QualityRow[] = [];
  for (const [width, height] of quick ? QUALITY_SIZES.slice(0, 1) : QUALITY_SIZES) {
    for (const c of EVALUATION_CASES) {
      const composite = await syntheticComposite(c, width, height);
      const image: Rgb8Image = { data: composite.rgb, width, height, channels: 3 };
      const { matte } = await remover.matte(image, entry, false);
      const refined = remover.refine(image, matte, entry);
      quality.push({ case: c.name, width, height, raw: matteScores(matte, composite.alpha, width, height), refined: matteScores(refined, composite.alpha, width, height) });
    }
  }
  const e2e = await syntheticComposite(EVALUATION_CASES[0], ...E2E_CASE);
  const e2eMatte = await remover.matte({ data: e2e.rgb, width: E2E_CASE[0], height: E2E_CASE[1], channels: 3 }, entry, false);
  const e2eScores = matteScores(e2eMatte.matte, e2e.alpha, ...E2E_CASE);

  const summarise = (rows: QualityRow[], key: 'raw' | 'refined') => ({
    iou: round(mean(rows.map((r) => r[key].iou))),
    boundaryF: round(mean(rows.map((r) => r[key].boundaryF))),
    mae: round(mean(rows.map((r) => r[key].mae))),
  });
  const sizes = [...new Set(quality.map((r) => `${r.width}x${r.height}`))];
  const summary = Object.fromEntries(
    sizes.map((size) => {
      const rows = quality.filter((r) => `${r.width}x${r.height}` === size);
      return [size, { raw: summarise(rows, 'raw'), refined: summarise(rows, 'refined') }];
    }),
  );

  console.log(`\nquality (${entry.name}; IoU and boundary F at alpha ≥ 128, boundary tolerance 3 px; MAE on 0–1)\n`);
  console.log(
    formatTable(
      ['case', 'size', 'IoU', 'IoU refined', 'bF', 'bF refined', 'MAE', 'MAE refined'],
      [
        ...quality.map((r) => [r.case, `${r.width}×${r.height}`, fixed(r.raw.iou), fixed(r.refined.iou), fixed(r.raw.boundaryF), fixed(r.refined.boundaryF), fixed(r.raw.mae, 4), fixed(r.refined.mae, 4)]),
        ...sizes.map((size) => {
          const s = summary[size];
          return [`mean of ${EVALUATION_CASES.length}`, size.replace('x', '×'), fixed(s.raw.iou), fixed(s.refined.iou), fixed(s.raw.boundaryF), fixed(s.refined.boundaryF), fixed(s.raw.mae, 4), fixed(s.refined.mae, 4)];
        }),
      ],
    ),
  );
  console.log(`\ne2e case (${EVALUATION_CASES[0].name}, ${E2E_CASE.join('×')}): IoU ${fixed(e2eScores.iou)}, boundary F ${fixed(e2eScores.boundaryF)}, MAE ${fixed(e2eScores.mae, 4)}`);

  // Latency: a JPEG of each size through the handler's stages.
  const latency: Record<string, Record<'refine_off' | 'refine_on', BgRemoveTimings & { total: number }>> = {};
  const sizesToTime = quick ? LATENCY_SIZES.slice(0, 1) : LATENCY_SIZES;
  for (const [width, height] of sizesToTime) {
    const jpeg = await sharp(path.join(PHOTO_DIR, 'astronaut.jpg')).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).jpeg({ quality: 90 }).toBuffer();
    const once = async (refine: boolean) => {
      let t0 = performance.now();
      const image = to8Bit((await decoder.decodeFull(jpeg)).image);
      const decode = performance.now() - t0;
      const removal = await remover.remove(image, { output: 'cutout', refine_edges: refine, crop_to_subject: false, padding: 0 });
      t0 = performance.now();
      await encoder.encode(removal.image, 'png');
      const encode = performance.now() - t0;
      return { decode, ...removal.timings, encode };
    };
    await once(false); // warm-up: the session's first run, JIT
    const key = `${width}x${height}`;
    latency[key] = {} as (typeof latency)[string];
    for (const refine of [false, true]) {
      const runs: Awaited<ReturnType<typeof once>>[] = [];
      for (let i = 0; i < reps; i++) runs.push(await once(refine));
      const stages = Object.fromEntries((['decode', 'preprocess', 'inference', 'refine', 'compose', 'encode'] as const).map((k) => [k, Math.round(median(runs.map((r) => r[k])))])) as unknown as BgRemoveTimings;
      latency[key][refine ? 'refine_on' : 'refine_off'] = { ...stages, total: Object.values(stages).reduce((a, b) => a + b, 0) };
    }
  }
  const input = inputSize(entry.input);
  console.log(`\nlatency on CPU (ms, median of ${reps}; ${os.cpus().length} × ${os.cpus()[0]?.model}; load ${os.loadavg().map((v) => v.toFixed(1)).join(' ')})\n`);
  console.log(
    formatTable(
      ['size', 'refine', 'decode', 'preprocess', 'inference', 'refine', 'compose', 'encode (PNG)', 'total'],
      Object.entries(latency).flatMap(([size, modes]) =>
        Object.entries(modes).map(([mode, t]) => {
          const [w, h] = size.split('x').map(Number);
          const s = refineSettings(w, h, input.width, input.height);
          return [size.replace('x', '×'), mode === 'refine_on' ? `on (r ${s.radius}, s ${s.subsample})` : 'off', ...[t.decode, t.preprocess, t.inference, t.refine, t.compose, t.encode, t.total].map(String)];
        }),
      ),
    ),
  );
  console.log('(refine off still maps the model output back to full resolution: that is its "refine" column)');

  const status = runtime.status();
  const figures = {
    bench: 'bg-remove',
    model: entry.name,
    provider: status.provider,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadavg: os.loadavg(),
    reps,
    quality: { tolerancePx: 3, cases: quality.map((r) => ({ ...r, raw: roundScores(r.raw), refined: roundScores(r.refined) })), summary, e2eCase: { size: E2E_CASE, ...roundScores(e2eScores) } },
    latencyMs: latency,
  };
  const line = JSON.stringify(figures);
  console.log(line);
  mkdirSync(path.resolve(__dirname, '..', 'results'), { recursive: true });
  writeFileSync(path.resolve(__dirname, '..', 'results', 'bg-remove.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await runtime.onApplicationShutdown();
}

function roundScores(s: MatteScores): MatteScores {
  return { iou: round(s.iou), boundaryF: round(s.boundaryF), mae: round(s.mae) };
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
