/**
 * Memory of the model path under consecutive requests: the spawned api + worker (the
 * real stack, models on the gpu queue), BENCH_MODEL_RUNS sequential requests per
 * operation (default 500; `--short`: 40), and the worker's resident memory read from
 * its own /metrics (process_resident_memory_bytes) after the first request (sessions
 * loaded, buffers warmed) and at 10 %, 50 % and 100 % of the runs. With a GPU
 * (MODEL_PROVIDER=cuda), nvidia-smi's memory.used is sampled at the same points.
 * A flat line — growth after the first request within a few MiB — is the goal: sessions
 * are made once, tensors released after each run.
 *
 *   node bench/common/run-ts.js bench/models/model-memory.bench.ts            # 500 runs each (bg-remove ≈ 1.5–3 s a run on 2 CPU cores)
 *   node bench/common/run-ts.js bench/models/model-memory.bench.ts --short    # 40 runs each
 *   BENCH_MODEL_OPS=faces node bench/common/run-ts.js bench/models/model-memory.bench.ts
 *
 * Writes bench/results/model-memory.json. Needs `make build` (make bench does it).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { PHOTO_DIR } from '../common/photos';
import { workerRssBytes } from '../../test/support/worker-rss';
import { gpuUsedMb } from '../common/gpu-memory';
import { formatTable, fixed } from '../common/table';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require(path.resolve(__dirname, '..', '..', 'test', 'support', 'e2e-stack.js'));

const ROOT = path.resolve(__dirname, '..', '..');
const SHORT = process.argv.includes('--short');
const RUNS = Number(process.env.BENCH_MODEL_RUNS ?? (SHORT ? 40 : 500));
const OPS = (process.env.BENCH_MODEL_OPS ?? 'faces,bg-remove,style-transfer').split(',');

/** One operation's request, given the uploaded keys. */
const REQUESTS: Record<string, { route: string; body: (keys: { photo: string; style: string }) => Record<string, unknown> }> = {
  faces: { route: '/api/v1/faces/detect', body: (k) => ({ image_key: k.photo }) },
  'bg-remove': { route: '/api/v1/bg-remove/apply', body: (k) => ({ image_key: k.photo }) },
  'style-transfer': { route: '/api/v1/style-transfer/apply', body: (k) => ({ content_key: k.photo, style_key: k.style }) },
};

async function client(apiUrl: string) {
  const request = async (method: string, route: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> => {
    const res = await fetch(`${apiUrl}${route}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status === 429) {
      // Even enterprise has a per-minute limit (600); fast models reach it: wait as told, then again.
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      return request(method, route, body, headers);
    }
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const admin = await request('POST', '/api/auth/register', { username: 'bench', password: 'bench-password-1' });
  const login = await request('POST', '/api/auth/login', { username: 'bench', password: 'bench-password-1' });
  const key = String((await request('POST', '/api/v1/api-keys', { name: 'bench' }, { Authorization: `Bearer ${login.token}` })).key);
  const auth = { 'X-API-Key': key };
  await request('POST', `/api/auth/users/${admin.id}/credits`, { amount: 100_000, reason: 'bench' }, auth);
  await request('PUT', `/api/auth/users/${admin.id}`, { plan: 'enterprise' }, auth);
  return {
    post: (route: string, body: unknown) => request('POST', route, body, auth),
    async upload(bytes: Buffer, name: string) {
      const presign = await request('POST', '/api/v1/storage/presign', { filename: name, content_type: 'image/jpeg' }, auth);
      const put = await fetch(String(presign.upload_url), { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: bytes });
      if (!put.ok) throw new Error(`upload ${put.status}`);
      return String(presign.key);
    },
  };
}


interface Sample {
  run: number;
  rssMb: number;
  gpuMb: number | null;
}

async function main(): Promise<void> {
  // The provider and the CUDA libraries' path come from the caller's environment (bench/models/README.md: the GPU run).
  const passed = ['MODEL_PROVIDER', 'MODEL_WARMUP', 'LD_LIBRARY_PATH'].filter((name) => process.env[name] !== undefined);
  const stack = await startStack({ workers: 1, env: Object.fromEntries(passed.map((name) => [name, process.env[name] as string])) });
  const out: Record<string, unknown> = { runs: RUNS, provider: process.env.MODEL_PROVIDER ?? 'cpu' };
  try {
    const api = await client(stack.apiUrl);
    const photo = await sharp(path.join(PHOTO_DIR, 'astronaut.jpg')).jpeg({ quality: 90 }).toBuffer();
    const keys = { photo: await api.upload(photo, 'astronaut.jpg'), style: await api.upload(readFileSync(path.join(PHOTO_DIR, 'coffee.jpg')), 'coffee.jpg') };
    const workerUrl = stack.workers[0].url as string;
    const rows: string[][] = [];
    for (const op of OPS) {
      const request = REQUESTS[op];
      if (!request) throw new Error(`unknown op ${op} (known: ${Object.keys(REQUESTS).join(', ')})`);
      const marks = new Set([1, Math.max(2, Math.round(RUNS / 10)), Math.round(RUNS / 2), RUNS]);
      const samples: Sample[] = [];
      const started = performance.now();
      for (let run = 1; run <= RUNS; run++) {
        const answer = await api.post(request.route, request.body(keys));
        if (!answer.result) throw new Error(`${op} run ${run} answered without a result: ${JSON.stringify(answer).slice(0, 300)}`);
        if (marks.has(run)) samples.push({ run, rssMb: (await workerRssBytes(workerUrl)) / 2 ** 20, gpuMb: gpuUsedMb() });
      }
      const seconds = (performance.now() - started) / 1000;
      const first = samples[0];
      const last = samples[samples.length - 1];
      const growthMb = last.rssMb - first.rssMb;
      // ONNX Runtime's CPU arena and the allocator reach their working set within the first
      // tens of runs; what happens after that (10 % of the runs → the end) is the leak test.
      const steady = samples[1];
      const steadyGrowthMb = last.rssMb - steady.rssMb;
      out[op] = {
        samples,
        growthMb: Math.round(growthMb * 10) / 10,
        steadyGrowthMb: Math.round(steadyGrowthMb * 10) / 10,
        secondsPerRun: Math.round((seconds / RUNS) * 1000) / 1000,
      };
      rows.push([
        op,
        String(RUNS),
        fixed(first.rssMb, 0),
        `${fixed(steady.rssMb, 0)} (run ${steady.run})`,
        fixed(last.rssMb, 0),
        fixed(steadyGrowthMb, 1),
        first.gpuMb === null ? '—' : `${first.gpuMb} → ${last.gpuMb}`,
        fixed(seconds / RUNS, 2),
      ]);
    }
    console.log(formatTable(['op', 'runs', 'RSS after 1st (MiB)', 'RSS warmed', `RSS after ${RUNS}`, 'growth after warm-up', 'GPU MiB', 's/run'], rows));
  } finally {
    await stack.stop();
  }
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'model-memory.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
