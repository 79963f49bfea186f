/**
 * Model latency per provider: the worker's ModelRuntime (the code jobs use) runs each
 * model on a 1024² input — ISNet (background removal), the built-in style graph and
 * BlazeFace — first on CPU, then, when asked (`--cuda`, or MODEL_PROVIDER=cuda), on
 * CUDA, in the same process and run. Reported per model and provider: session load,
 * first run (cuDNN autotuning on CUDA), and the median and p90 of BENCH_MODEL_REPS runs
 * (default 10). A CUDA session that fell back to CPU is reported as such, never as a
 * GPU figure.
 *
 * With `--memory`, each model then runs BENCH_MODEL_MEMORY_RUNS more times (default 500) and
 * the process's RSS (and nvidia-smi's used GPU memory, when there is one) is reported before
 * and after: the runtime-level memory check that runs on a bare GPU machine (no Postgres or
 * Redis needed; model-memory.bench.ts is the same check through the whole stack).
 *
 *   node bench/common/run-ts.js bench/models/model-latency.bench.ts                   # CPU only
 *   node bench/common/run-ts.js bench/models/model-latency.bench.ts --cuda --memory   # CPU, then CUDA, with the 500-run memory check (make bench-gpu)
 *
 * Writes bench/results/model-latency.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { loadWorkerConfig } from '@gradekit/config';
import { ModelRuntime, type FloatTensor } from '../../apps/worker/src/media/models/model-runtime.service';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics.service';
import { gpuUsedMb } from '../common/gpu-memory';
import { formatTable, fixed } from '../common/table';
import { benchStyleGraph } from './style-graph-case';

const ROOT = path.resolve(__dirname, '..', '..');
const REPS = Number(process.env.BENCH_MODEL_REPS ?? 10);
const WITH_CUDA = process.argv.includes('--cuda') || process.env.MODEL_PROVIDER === 'cuda';
const MEMORY_RUNS = process.argv.includes('--memory') ? Number(process.env.BENCH_MODEL_MEMORY_RUNS ?? 500) : 0;

const rssMb = () => Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;

const quietLogger = { info: () => undefined, warn: (fields: unknown, message: string) => console.warn(message, fields) } as unknown as Logger;

/** A deterministic pseudo-image: inputs whose values look like normalised pixels. */
function filled(n: number, offset = 0): Float32Array {
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i * 0.001 + offset) * 0.5;
  return data;
}

interface Case {
  name: string;
  run(runtime: ModelRuntime): Promise<unknown>;
}

function cases(runtime: ModelRuntime): Case[] {
  const isnet = runtime.model('background-removal', 'isnet');
  const blazeface = runtime.model('face-detection', 'blazeface');
  const isnetInput: FloatTensor = { data: filled(3 * 1024 * 1024), dims: [1, 3, 1024, 1024] };
  const faceInput: FloatTensor = { data: filled(256 * 256 * 3), dims: [1, 256, 256, 3] };
  return [
    { name: 'isnet 1024²', run: (rt) => rt.run(isnet, { [isnet.input.name]: isnetInput }) },
    { name: 'style graph 1024²', run: (rt) => benchStyleGraph(rt, 1024) },
    { name: 'blazeface 256²', run: (rt) => rt.run(blazeface, { [blazeface.input.name]: faceInput }) },
  ];
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function measureProvider(provider: 'cpu' | 'cuda') {
  const config = loadWorkerConfig({ ...process.env, MODEL_PROVIDER: provider, MODEL_WARMUP: 'false', MODEL_IDLE_UNLOAD_MS: '0' });
  const runtime = new ModelRuntime(config, quietLogger, new WorkerMetrics());
  await runtime.verify();
  const results: Record<string, unknown>[] = [];
  for (const c of cases(runtime)) {
    const t0 = performance.now();
    await c.run(runtime); // session load + first run
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t = performance.now();
      await c.run(runtime);
      times.push(performance.now() - t);
    }
    const memory: Record<string, number | null> = {};
    if (MEMORY_RUNS > 0) {
      memory.rssBeforeMb = rssMb();
      memory.gpuBeforeMb = gpuUsedMb();
      for (let i = 0; i < MEMORY_RUNS; i++) await c.run(runtime);
      memory.rssAfterMb = rssMb();
      memory.gpuAfterMb = gpuUsedMb();
      memory.runs = MEMORY_RUNS;
    }
    results.push({
      model: c.name,
      provider: runtime.status().provider,
      loadAndFirstMs: Math.round(firstMs),
      medianMs: Math.round(percentile(times, 0.5) * 10) / 10,
      p90Ms: Math.round(percentile(times, 0.9) * 10) / 10,
      ...(MEMORY_RUNS > 0 ? { memory } : {}),
    });
  }
  const status = runtime.status();
  await runtime.onApplicationShutdown();
  return { requested: provider, used: status.provider, device: status.device, fallbackReason: status.fallback_reason ?? null, results };
}

async function main(): Promise<void> {
  const runs = [await measureProvider('cpu')];
  if (WITH_CUDA) runs.push(await measureProvider('cuda'));
  const memoryOf = (m: Record<string, unknown>) => {
    const memory = m.memory as Record<string, number | null> | undefined;
    if (!memory) return ['—', '—'];
    const gpu = memory.gpuBeforeMb === null ? '—' : `${memory.gpuBeforeMb} → ${memory.gpuAfterMb}`;
    return [`${memory.rssBeforeMb} → ${memory.rssAfterMb}`, gpu];
  };
  const rows = runs.flatMap((r) =>
    r.results.map((m) => [String(m.model), `${r.requested}→${r.used}`, String(m.loadAndFirstMs), fixed(Number(m.medianMs), 1), fixed(Number(m.p90Ms), 1), ...memoryOf(m)]),
  );
  console.log(formatTable(['model', 'provider', 'load+first ms', 'median ms', 'p90 ms', `RSS MiB (${MEMORY_RUNS} runs)`, 'GPU MiB'], rows));
  const out = { host: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' }, reps: REPS, memoryRuns: MEMORY_RUNS, runs };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'model-latency.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
