import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { LedgerAuditRepository, PrismaService } from '@gradekit/db';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from '../e2e/api-client';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require('./e2e-stack') as { startStack: (options: Record<string, unknown>) => Promise<SoakStack> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPrivatePostgres, startPrivateRedis } = require('./private-services') as {
  startPrivatePostgres: () => Promise<PrivateService & { url: string; drop(): Promise<void> }>;
  startPrivateRedis: () => Promise<PrivateService & { url: string }>;
};

interface PrivateService {
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

interface SoakStack {
  apiUrl: string;
  dataDir: string;
  workers: unknown[];
  stop(): Promise<void>;
}

/** A dependency taken down once `atFraction` of the jobs were submitted, for `downMs`. */
export interface Outage {
  dependency: 'redis' | 'database';
  atFraction: number;
  downMs: number;
}

export interface SoakOptions {
  jobs: number;
  users: number;
  /** Submissions in flight at once. */
  concurrency: number;
  outages: Outage[];
  /** How long the accepted tasks may take to finish after the last submission. */
  settleTimeoutMs: number;
  log?: (line: string) => void;
}

export interface OutageReport {
  dependency: Outage['dependency'];
  down_ms: number;
  /** Status codes (and codes of the error format) the api answered while the dependency was down. */
  answers_while_down: Record<string, number>;
  /** From the restart until GET /api/v1/account answered 200 again. */
  recovered_after_ms: number | null;
}

export interface SoakReport {
  jobs: number;
  users: number;
  workers: number;
  accepted: number;
  /** Submissions answered 503 DEPENDENCY_UNAVAILABLE and submitted again later (not charged: see the ledger check). */
  refused_503: number;
  /** Anything else: a 500, a dropped connection, an unexpected code. Must be empty. */
  unexpected: string[];
  /** The api's own log of each 5xx it answered (`request failed`), so a failure names its cause. */
  server_errors: string[];
  completed: number;
  failed_refunded: number;
  lost: number;
  stuck: number;
  doubly_charged: number;
  ledger_problems: unknown[];
  outages: OutageReport[];
  duration_s: number;
  accepted_jobs_per_s: number;
}

/** The `request failed` lines of the api's log (pino JSON), error first. */
function serverErrors(dataDir: string): string[] {
  return readFileSync(path.join(dataDir, 'api.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"request failed"'))
    .map((line) => {
      const entry = JSON.parse(line) as { err?: { type?: string; message?: string; code?: string }; path?: string };
      return `${entry.path ?? '?'}: ${entry.err?.type ?? '?'} ${entry.err?.code ?? ''} ${(entry.err?.message ?? '').slice(0, 300)}`;
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function answerLabel(status: number, body: unknown): string {
  const code = body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${status} ${code}` : String(status);
}

/**
 * The soak with faults (issue 13, item 6): an api and two workers on a private Redis
 * and a private Postgres; `jobs` small /match calls from `users` users, `concurrency`
 * at a time; each outage stops its server mid-soak, probes the api while it is down
 * (every answer must be 503 DEPENDENCY_UNAVAILABLE) and starts it again. A refused
 * submission is submitted again, as a client would. Afterwards every accepted task must
 * end completed (or failed and refunded), each charged exactly once, and the ledger
 * audit must find nothing. `make load` runs it at 2,000 jobs; test/e2e/faults.e2e-spec.ts
 * runs a short one in `make test`.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const redis = await startPrivateRedis();
  const postgres = await startPrivatePostgres();
  let stack: SoakStack | null = null;
  try {
    stack = await startStack({
      workers: 2,
      db: postgres,
      env: {
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        SYNC_TIMEOUT_MS: '0',
        WORKER_CONCURRENCY: '2',
        JOB_LOCK_MS: '5000',
        JOB_STALLED_INTERVAL_MS: '2000',
        // A task whose job was lost with an outage is found and re-enqueued within seconds.
        STUCK_TASK_SWEEP_MS: '2000',
        STUCK_TASK_AFTER_MS: '15000',
      },
    });
    const apiUrl = stack.apiUrl;
    const admin = await bootstrapAdmin(apiUrl);
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    await db.query('UPDATE plans SET requests_per_minute = 100000000, requests_per_month = 1000000000');
    await db.end();

    const photo = (name: string) => sharp(path.resolve(__dirname, '..', 'fixtures', 'photos', name)).resize(96, 64, { fit: 'fill' }).jpeg().toBuffer();
    const [image, reference] = await Promise.all([photo('coffee.jpg'), photo('rocket.jpg')]);
    const perUser = Math.ceil(options.jobs / options.users);
    const users: { client: ApiClient; image: string; reference: string }[] = [];
    for (let i = 0; i < options.users; i++) {
      const user = await createUser(apiUrl, admin.client, `soak${i}`, perUser + 10);
      const up = async (bytes: Buffer) => (await user.client.post<{ key: string }>('/api/v1/storage/upload', { data: bytes.toString('base64') })).body.key;
      users.push({ client: user.client, image: await up(image), reference: await up(reference) });
    }
    log(`soak: ${options.jobs} jobs from ${options.users} users, ${options.concurrency} at a time, outages: ${options.outages.map((o) => `${o.dependency}@${o.atFraction}`).join(', ') || 'none'}`);

    const accepted: string[] = [];
    const unexpected: string[] = [];
    let refused = 0;
    let submitted = 0;
    const outageReports: OutageReport[] = [];
    const pending = [...options.outages].sort((a, b) => a.atFraction - b.atFraction);
    let outageRunning: Promise<void> | null = null;

    const runOutage = async (outage: Outage): Promise<void> => {
      const service = outage.dependency === 'redis' ? redis : postgres;
      const answers: Record<string, number> = {};
      log(`soak: stopping ${outage.dependency} at ${submitted} submissions`);
      await service.stop();
      const downUntil = Date.now() + outage.downMs;
      const probe = apiClient(apiUrl, { 'X-API-Key': admin.apiKey });
      while (Date.now() < downUntil) {
        const res = await probe.get('/api/v1/account').catch(() => ({ status: 0, body: null }));
        const label = answerLabel(res.status, res.body);
        answers[label] = (answers[label] ?? 0) + 1;
        await sleep(100);
      }
      await service.start();
      const restarted = Date.now();
      let recovered: number | null = null;
      while (Date.now() - restarted < 30_000) {
        const res = await probe.get('/api/v1/account').catch(() => ({ status: 0 }));
        if (res.status === 200) {
          recovered = Date.now() - restarted;
          break;
        }
        await sleep(100);
      }
      log(`soak: ${outage.dependency} back; api answered ${JSON.stringify(answers)} while down, recovered after ${recovered} ms`);
      outageReports.push({ dependency: outage.dependency, down_ms: outage.downMs, answers_while_down: answers, recovered_after_ms: recovered });
    };

    const started = Date.now();
    let next = 0;
    const submitter = async (): Promise<void> => {
      while (next < options.jobs) {
        const index = next++;
        const user = users[index % users.length]!;
        for (;;) {
          if (pending.length && !outageRunning && index >= pending[0]!.atFraction * options.jobs) {
            outageRunning = runOutage(pending.shift()!).finally(() => (outageRunning = null));
          }
          const res = await user.client.post<{ task_id?: string; code?: string }>('/api/v1/match', { target_key: user.image, reference_key: user.reference }).catch((error: Error) => ({ status: 0, body: { code: error.message } as { task_id?: string; code?: string } }));
          if (res.status === 202 && res.body.task_id) {
            accepted.push(res.body.task_id);
            break;
          }
          if (res.status === 503 && res.body.code === 'DEPENDENCY_UNAVAILABLE') {
            refused++;
            await sleep(250);
            continue;
          }
          unexpected.push(`${answerLabel(res.status, res.body)} ${JSON.stringify(res.body).slice(0, 200)}`);
          break;
        }
        submitted++;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, submitter));
    while (outageRunning) await outageRunning;
    for (const outage of pending.splice(0)) await runOutage(outage); // outages set past the last submission
    const submittedAt = Date.now();
    log(`soak: ${accepted.length} accepted, ${refused} refused (503) in ${((submittedAt - started) / 1000).toFixed(1)} s; waiting for them to finish`);

    // Every accepted task finishes: completed, or failed with its refund.
    const check = new Client({ connectionString: postgres.url });
    await check.connect();
    try {
      let rows: { id: string; status: string }[] = [];
      const deadline = Date.now() + options.settleTimeoutMs;
      for (;;) {
        rows = (await check.query<{ id: string; status: string }>('SELECT id, status FROM tasks WHERE id = ANY($1::uuid[])', [accepted])).rows;
        const open = rows.filter((row) => row.status === 'queued' || row.status === 'processing').length;
        if (open === 0 || Date.now() > deadline) break;
        await sleep(500);
      }
      const finishedAt = Date.now();
      const status = (wanted: string) => rows.filter((row) => row.status === wanted).length;
      const { rows: charges } = await check.query<{ task_id: string; charges: number }>(
        `SELECT task_id, count(*) FILTER (WHERE kind = 'charge')::int AS charges FROM credit_ledger WHERE task_id IS NOT NULL GROUP BY task_id`,
      );
      const prisma = new PrismaService(postgres.url);
      const audit = await new LedgerAuditRepository(prisma).audit({ stuckAfterMinutes: 5 }).finally(() => prisma.$disconnect());
      return {
        jobs: options.jobs,
        users: options.users,
        workers: stack.workers.length,
        accepted: accepted.length,
        refused_503: refused,
        unexpected,
        server_errors: serverErrors(stack.dataDir),
        completed: status('completed'),
        failed_refunded: status('failed'),
        lost: accepted.length - rows.length,
        stuck: status('queued') + status('processing'),
        doubly_charged: charges.filter((row) => row.charges > 1).length,
        ledger_problems: audit.problems,
        outages: outageReports,
        duration_s: +((finishedAt - started) / 1000).toFixed(1),
        accepted_jobs_per_s: +(accepted.length / ((finishedAt - started) / 1000)).toFixed(1),
      };
    } finally {
      await check.end();
    }
  } finally {
    await stack?.stop().catch(() => undefined);
    await redis.close();
    await postgres.close();
  }
}
