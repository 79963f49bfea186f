/**
 * /api/v1/match end to end (api → queue → worker → storage → api), measured against
 * baselines in the same run:
 *  1. latency of /match on a 12-megapixel JPEG vs sharp's own decode + encode of
 *     the same JPEG in this process, with the worker's output settings (the goal is
 *     ≤ 1.3×: grading should cost little more than reading and writing the image),
 *     and vs sharp's decode + encode at its defaults;
 *  2. throughput (jobs/s) of concurrent /match calls on ~1-megapixel photos with one
 *     worker process, then with two.
 * Latency is the steady state: BENCH_MATCH_WARMUP untimed calls first (default 3: the
 * worker's first jobs pay for JIT compilation and starting its LUT threads), then
 * BENCH_MATCH_RUNS timed ones (default 7). The bench user is on the enterprise plan so
 * the rate limit (60/min on free) does not cut the run short.
 * Prints a table and one JSON line; writes bench/results/match.json. `make bench` runs it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { JPEG_OUTPUT_OPTIONS } from '../../apps/worker/src/media/jpeg-output';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require(path.resolve(__dirname, '..', '..', 'test', 'support', 'e2e-stack.js'));

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_MATCH_RUNS ?? 7);
const WARMUP = Number(process.env.BENCH_MATCH_WARMUP ?? 3);
const JOBS = Number(process.env.BENCH_MATCH_JOBS ?? 16);

interface Client {
  post(route: string, body: unknown): Promise<Record<string, unknown>>;
  upload(bytes: Buffer, name: string): Promise<string>;
}

async function adminClient(apiUrl: string): Promise<Client> {
  const request = async (method: string, route: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${apiUrl}${route}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const post = (route: string, body: unknown, headers: Record<string, string> = {}) => request('POST', route, body, headers);
  const admin = await post('/api/auth/register', { username: 'bench', password: 'bench-password-1' });
  const login = await post('/api/auth/login', { username: 'bench', password: 'bench-password-1' });
  const key = String((await post('/api/v1/api-keys', { name: 'bench' }, { Authorization: `Bearer ${login.token}` })).key);
  const auth = { 'X-API-Key': key };
  await post(`/api/auth/users/${admin.id}/credits`, { amount: 10000, reason: 'bench' }, auth);
  await request('PUT', `/api/auth/users/${admin.id}`, { plan: 'enterprise' }, auth);
  return {
    post: (route, body) => post(route, body, auth),
    async upload(bytes, name) {
      const presign = await post('/api/v1/storage/presign', { filename: name, content_type: 'image/jpeg' }, auth);
      const put = await fetch(String(presign.upload_url), { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: bytes });
      if (!put.ok) throw new Error(`upload ${put.status}`);
      return String(presign.key);
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throughput(client: Client, referenceKey: string, targetKeys: string[]): Promise<number> {
  const started = performance.now();
  await Promise.all(targetKeys.map((target_key) => client.post('/api/v1/match', { reference_key: referenceKey, target_key })));
  return targetKeys.length / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const photo = (name: string) => path.join(ROOT, 'test', 'fixtures', 'photos', name);
  const big = await sharp(photo('motorcycle_left.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  const reference = await sharp(photo('coffee.jpg')).jpeg({ quality: 90 }).toBuffer();

  // Baseline: what reading and writing the same 12 MP JPEG costs sharp alone, with the
  // worker's output settings. Measured interleaved with the /match calls, so both see
  // the same machine (a shared VM's speed drifts by tens of percent over a minute).
  const baseline = async (): Promise<number> => {
    const t = performance.now();
    const { data, info } = await sharp(big).raw().toBuffer({ resolveWithObject: true });
    await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg(JPEG_OUTPUT_OPTIONS).toBuffer();
    return performance.now() - t;
  };
  // A second reference point: sharp's decode + encode at its own defaults (q80, 4:2:0,
  // optimised Huffman tables), a lighter output than the worker writes but slower to make.
  const sharpDefaults = async (): Promise<number> => {
    const t = performance.now();
    await sharp(big).jpeg().toBuffer();
    return performance.now() - t;
  };
  await baseline();
  await sharpDefaults();

  const stack = await startStack({ workers: 1, env: { LOG_LEVEL: 'warn' } });
  try {
    const client = await adminClient(stack.apiUrl);
    const referenceKey = await client.upload(reference, 'reference.jpg');
    const bigKey = await client.upload(big, 'big.jpg');
    const baselineMs: number[] = [];
    const defaultsMs: number[] = [];
    const matchMs: number[] = [];
    let firstCallMs = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      if (i >= WARMUP) {
        baselineMs.push(await baseline());
        defaultsMs.push(await sharpDefaults());
      }
      const t = performance.now();
      await client.post('/api/v1/match', { reference_key: referenceKey, target_key: bigKey });
      if (i === 0) firstCallMs = performance.now() - t;
      if (i >= WARMUP) matchMs.push(performance.now() - t);
    }

    const names = ['astronaut.jpg', 'chelsea.jpg', 'rocket.jpg', 'motorcycle_right.jpg'];
    const smallKeys = await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => client.upload(await sharp(photo(names[i % names.length])).resize(1200, 900, { fit: 'fill' }).jpeg().toBuffer(), `t${i}.jpg`)),
    );
    await client.post('/api/v1/match', { reference_key: referenceKey, target_key: smallKeys[0] });
    const oneWorker = await throughput(client, referenceKey, smallKeys);
    await stack.spawnWorker();
    const twoWorkers = await throughput(client, referenceKey, smallKeys);

    const figures = {
      bench: 'match',
      match_12mp: {
        image: '4000x3000 JPEG',
        runs: RUNS,
        warmup_calls: WARMUP,
        end_to_end_p50_ms: +median(matchMs).toFixed(1),
        fresh_worker_first_call_ms: +firstCallMs.toFixed(1),
        sharp_decode_encode_p50_ms: +median(baselineMs).toFixed(1),
        ratio_to_sharp_decode_encode: +(median(matchMs) / median(baselineMs)).toFixed(2),
        // What grading adds to reading and writing the image: the figure that the
        // worker's own work moves (the ratio also moves with the codec's speed).
        overhead_over_sharp_ms: +(median(matchMs) - median(baselineMs)).toFixed(1),
        sharp_defaults_decode_encode_p50_ms: +median(defaultsMs).toFixed(1),
        ratio_to_sharp_defaults: +(median(matchMs) / median(defaultsMs)).toFixed(2),
        goal_ratio: 1.3,
      },
      throughput_1_2mp: { jobs: JOBS, one_worker_jobs_per_s: +oneWorker.toFixed(2), two_workers_jobs_per_s: +twoWorkers.toFixed(2), cores: 2 },
    };
    console.table({
      '/match 12 MP end to end, p50': { ms: figures.match_12mp.end_to_end_p50_ms },
      '/match 12 MP, first call to a fresh worker': { ms: figures.match_12mp.fresh_worker_first_call_ms },
      'sharp decode+encode only, p50': { ms: figures.match_12mp.sharp_decode_encode_p50_ms },
      '/match minus sharp decode+encode': { ms: figures.match_12mp.overhead_over_sharp_ms },
      'sharp decode+encode at its defaults, p50': { ms: figures.match_12mp.sharp_defaults_decode_encode_p50_ms },
    });
    console.table({ 'jobs/s, 1 worker process': { value: figures.throughput_1_2mp.one_worker_jobs_per_s }, 'jobs/s, 2 worker processes': { value: figures.throughput_1_2mp.two_workers_jobs_per_s } });
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', 'match.json'), JSON.stringify(figures, null, 2));
    console.log(JSON.stringify(figures));
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
