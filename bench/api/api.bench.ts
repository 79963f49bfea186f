/**
 * The api's overhead and the /analyze path, measured against baselines in the same run:
 *  1. requests/s and latency (autocannon) of a bare Nest route, of the api's /healthz
 *     (middleware only) and of GET /api/v1/account (auth by API key + Redis rate limit
 *     + Postgres), each on its own process on loopback;
 *  2. sandbox mode: POST /api/v1/analyze with X-Sandbox, one connection, to show the
 *     latency a sandbox call costs (the spec promises well under 50 ms);
 *  3. /api/v1/analyze end to end (api → queue → worker → result) on a 12-megapixel JPEG,
 *     against sharp's decode of the same JPEG alone in this process.
 * Prints a table and one JSON line of figures; also writes bench/results/api.json.
 * Run with `make bench` (needs the built apps: `make build`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import sharp from 'sharp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack, freePort } = require(path.resolve(__dirname, '..', '..', 'test', 'support', 'e2e-stack.js'));

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ANALYZE_RUNS = Number(process.env.BENCH_ANALYZE_RUNS ?? 8);
/** Real paid calls under load (each costs a credit and queues a job): a fixed count, not a duration. */
const PAID_CALLS = Number(process.env.BENCH_PAID_CALLS ?? 1000);

interface LoadFigures {
  requests_per_s: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  errors: number;
  non_2xx: number;
}

async function load(url: string, headers: Record<string, string> = {}, request: { method?: 'POST'; body?: string; amount?: number } = {}): Promise<LoadFigures> {
  const result = await autocannon({ url, connections: CONNECTIONS, ...(request.amount ? { amount: request.amount } : { duration: DURATION_S }), headers, method: request.method ?? 'GET', body: request.body });
  return {
    requests_per_s: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    errors: result.errors,
    non_2xx: result.non2xx,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function startBareNest(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'bare-nest-app.js'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`bare nest app exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/ping`, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  const bare = await startBareNest();
  try {
    // An admin with an API key, and limits high enough that the load test measures work, not 429s.
    const admin = await json(await fetch(`${stack.apiUrl}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) }));
    const login = await json(await fetch(`${stack.apiUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) }));
    const created = await json(await fetch(`${stack.apiUrl}/api/v1/api-keys`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.token}` }, body: JSON.stringify({ name: 'bench' }) }));
    const apiKey = String(created.key);
    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    await db.query('UPDATE plans SET requests_per_minute = 100000000, requests_per_month = 1000000000');
    await db.end();
    await json(await fetch(`${stack.apiUrl}/api/auth/users/${admin.id}/credits`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey }, body: JSON.stringify({ amount: PAID_CALLS + 1000, reason: 'bench' }) }));

    const bareNest = await load(bare.url);
    const healthz = await load(`${stack.apiUrl}/healthz`);
    const presets = await load(`${stack.apiUrl}/api/v1/presets`);
    const account = await load(`${stack.apiUrl}/api/v1/account`, { 'X-API-Key': apiKey });
    const post = { 'Content-Type': 'application/json', 'X-API-Key': apiKey };
    // A paid route in sandbox mode (no charge, no job) and for real: a tiny image, so the real calls
    // measure the api's charge + enqueue + the sync wait for one worker's job, not the decode.
    const sandboxLoad = await load(`${stack.apiUrl}/api/v1/analyze`, { ...post, 'X-Sandbox': 'true' }, { method: 'POST', body: JSON.stringify({ image_key: `u/${admin.id}/images/any.jpg` }) });
    const tiny = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg().toBuffer();
    const tinyKey = String((await json(await fetch(`${stack.apiUrl}/api/v1/storage/upload`, { method: 'POST', headers: post, body: JSON.stringify({ data: tiny.toString('base64') }) }))).key);
    const paid = await load(`${stack.apiUrl}/api/v1/analyze`, post, { method: 'POST', body: JSON.stringify({ image_key: tinyKey }), amount: PAID_CALLS });

    // Sandbox calls, one at a time: their latency, not the server's throughput.
    const sandbox = await autocannon({
      url: `${stack.apiUrl}/api/v1/analyze`,
      method: 'POST',
      connections: 1,
      amount: 300,
      headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey, 'X-Sandbox': 'true' },
      body: JSON.stringify({ image_key: `u/${admin.id}/images/any.jpg` }),
    });
    const sandboxFigures = { requests: 300, latency_p50_ms: sandbox.latency.p50, latency_p99_ms: sandbox.latency.p99, non_2xx: sandbox.non2xx };

    // A 12-megapixel JPEG made from a real photo.
    const photo = await sharp(path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'photos', 'coffee.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
    const presign = await json(await fetch(`${stack.apiUrl}/api/v1/storage/presign`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey }, body: JSON.stringify({ filename: 'big.jpg', content_type: 'image/jpeg' }) }));
    const put = await fetch(String(presign.upload_url), { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: photo });
    if (!put.ok) throw new Error(`upload failed: ${put.status}`);

    const analyzeMs: number[] = [];
    for (let i = 0; i < ANALYZE_RUNS + 1; i++) {
      const started = performance.now();
      const res = await json(await fetch(`${stack.apiUrl}/api/v1/analyze`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey }, body: JSON.stringify({ image_key: presign.key }) }));
      if (!res.result) throw new Error(`analyze answered without a result: ${JSON.stringify(res)}`);
      if (i > 0) analyzeMs.push(performance.now() - started); // the first call warms the worker
    }
    const decodeMs: number[] = [];
    for (let i = 0; i < ANALYZE_RUNS + 1; i++) {
      const started = performance.now();
      await sharp(photo).raw().toBuffer();
      if (i > 0) decodeMs.push(performance.now() - started);
    }

    const figures = {
      bench: 'api',
      duration_s: DURATION_S,
      connections: CONNECTIONS,
      bare_nest_ping: bareNest,
      api_healthz: healthz,
      api_presets_public: presets,
      api_account_authenticated: account,
      api_analyze_sandbox: sandboxLoad,
      api_analyze_paid: { ...paid, calls: PAID_CALLS },
      overhead: {
        healthz_throughput_ratio: +(healthz.requests_per_s / bareNest.requests_per_s).toFixed(3),
        account_throughput_ratio: +(account.requests_per_s / bareNest.requests_per_s).toFixed(3),
        account_p99_extra_ms: +(account.latency_p99_ms - bareNest.latency_p99_ms).toFixed(1),
      },
      sandbox_analyze_sequential: sandboxFigures,
      analyze_12mp: {
        image: '4000x3000 JPEG q90',
        bytes: photo.length,
        runs: ANALYZE_RUNS,
        end_to_end_p50_ms: +percentile(analyzeMs, 50).toFixed(1),
        end_to_end_max_ms: +Math.max(...analyzeMs).toFixed(1),
        sharp_decode_p50_ms: +percentile(decodeMs, 50).toFixed(1),
        ratio_to_sharp_decode: +(percentile(analyzeMs, 50) / percentile(decodeMs, 50)).toFixed(2),
      },
    };
    console.table({
      'bare Nest GET /ping': bareNest,
      'api GET /healthz': healthz,
      'api GET /api/v1/presets (public)': presets,
      'api GET /api/v1/account (auth+rate limit+db)': account,
      'api POST /api/v1/analyze sandbox': sandboxLoad,
      [`api POST /api/v1/analyze paid, sync (${PAID_CALLS} calls)`]: paid,
    });
    console.table({ 'sandbox POST /api/v1/analyze (1 connection)': sandboxFigures });
    console.table({ '/analyze 12 MP (end to end)': { p50_ms: figures.analyze_12mp.end_to_end_p50_ms }, 'sharp decode only': { p50_ms: figures.analyze_12mp.sharp_decode_p50_ms } });
    mkdirSync(path.resolve(__dirname, '..', 'results'), { recursive: true });
    writeFileSync(path.resolve(__dirname, '..', 'results', 'api.json'), JSON.stringify(figures, null, 2));
    console.log(JSON.stringify(figures));
  } finally {
    bare.stop();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
