import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CreditLedgerEntry, Task } from '@prisma/client';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadWorkerConfig, type WorkerConfig } from '@gradekit/config';
import { queueOfJob, type JsonObject, type OperationName } from '@gradekit/contracts';
import { CreditsRepository, PrismaService, TasksRepository, TeamsRepository, UsersRepository } from '@gradekit/db';
import { createRedisConnection, taskJobOptions } from '@gradekit/queue';
import { buildObjectKey, createStorageDriver, type StorageDriver } from '@gradekit/storage';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { TEST_REDIS_URL } from '../../../../test/support/test-env';
import type { OperationHandler } from '../operations/operation-handler';
import { startWorker, type RunningWorker, type WorkerAppOptions } from '../worker-app';

/** The shared cache of assembled built-in models (data/ is the repository's ignored state folder). */
export const MODEL_CACHE_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'data', 'model-cache');

/** Handler list for a test: the real handlers with `replacements` swapped in for the ops they handle. */
export function replacing(...replacements: OperationHandler[]): (defaults: OperationHandler[]) => OperationHandler[] {
  return (defaults) => defaults.map((handler) => replacements.find((r) => r.op === handler.op) ?? handler);
}

/** A worker started by a test, with a queue client on the same prefix that enqueues exactly as the api does. */
export interface TestWorker {
  worker: RunningWorker;
  config: WorkerConfig;
  /** `queue.add(op, { taskId }, taskJobOptions(taskId, JOB_ATTEMPTS))` — the api's enqueue. */
  enqueue(taskId: string, op?: OperationName): Promise<Job>;
  queue(op?: OperationName): Queue;
  /** Closes the worker (graceful) and the queue clients. */
  close(): Promise<void>;
}

/**
 * Real Postgres (a fresh database cloned from the migrated template), real Redis
 * (a unique queue prefix per worker) and real local storage in a temp dir; the
 * repositories are the production ones over their own Prisma client. Nothing is mocked.
 */
export class WorkerTestBed {
  readonly tasks: TasksRepository;
  readonly credits: CreditsRepository;
  readonly users: UsersRepository;
  readonly teams: TeamsRepository;
  readonly storage: StorageDriver;
  private readonly started: TestWorker[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly dataDir: string,
    readonly prisma: PrismaService,
  ) {
    this.tasks = new TasksRepository(prisma);
    this.credits = new CreditsRepository(prisma);
    this.users = new UsersRepository(prisma);
    this.teams = new TeamsRepository(prisma);
    this.storage = createStorageDriver(this.config().storage);
  }

  static async create(label = 'worker'): Promise<WorkerTestBed> {
    const db = await createTestDatabase(label);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-worker-'));
    return new WorkerTestBed(db, dataDir, new PrismaService(db.url));
  }

  /** A worker config over this bed: port 0, silent logs, a unique queue prefix unless `QUEUE_PREFIX` is given. */
  config(env: Record<string, string> = {}): WorkerConfig {
    return loadWorkerConfig({
      DATABASE_URL: this.db.url,
      REDIS_URL: TEST_REDIS_URL,
      DATA_DIR: this.dataDir,
      QUEUE_PREFIX: `gkw${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`,
      LOG_LEVEL: 'silent',
      WORKER_HOST: '127.0.0.1',
      WORKER_PORT: '0',
      WORKER_QUEUES: 'image',
      JOB_ATTEMPTS: '3',
      // Built-in models are joined from their npm packages once for every test bed, not per temporary DATA_DIR.
      MODEL_CACHE_DIR: MODEL_CACHE_DIR,
      ...env,
    });
  }

  async start(env: Record<string, string> = {}, options: WorkerAppOptions = {}): Promise<TestWorker> {
    const config = this.config(env);
    const worker = await startWorker(config, options);
    const queues = new Map<string, { queue: Queue; connection: Redis }>();
    const queue = (op: OperationName = 'analyze') => {
      const name = queueOfJob(op);
      let entry = queues.get(name);
      if (!entry) {
        const connection = createRedisConnection(config.redisUrl, `test-queue-${name}`);
        entry = { queue: new Queue(name, { connection, prefix: config.queuePrefix }), connection };
        queues.set(name, entry);
      }
      return entry.queue;
    };
    let closed: Promise<void> | null = null;
    const started: TestWorker = {
      worker,
      config,
      queue,
      enqueue: (taskId, op = 'analyze') => queue(op).add(op, { taskId }, taskJobOptions(taskId, config.jobAttempts)),
      close() {
        closed ??= (async () => {
          await worker.close();
          // BullMQ never quits a connection it was handed; the caller owns it.
          await Promise.all([...queues.values()].map(async ({ queue: q, connection }) => {
            await q.close();
            await connection.quit().catch(() => connection.disconnect());
          }));
        })();
        return closed;
      },
    };
    this.started.push(started);
    return started;
  }

  /** A user on the free plan with `credits` granted (one grant ledger row). */
  async createUser(credits = 10): Promise<string> {
    const team = await this.teams.findDefault();
    const user = await this.users.create({ username: `w${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'free' });
    if (credits) await this.credits.grant(user.id, credits, 'test grant');
    return user.id;
  }

  async putInput(userId: string, bytes: Buffer, filename = 'photo.jpg'): Promise<string> {
    const key = buildObjectKey(userId, 'uploads', filename);
    await this.storage.put(key, bytes);
    return key;
  }

  /** Creates the task and its charge in one transaction, as the api does before enqueueing. */
  async createTask(userId: string, inputs: Record<string, string>, options: { op?: OperationName; credits?: number; params?: JsonObject } = {}): Promise<Task> {
    const op = options.op ?? 'analyze';
    const outcome = await this.credits.createTaskWithCharge(userId, {
      id: randomUUID(),
      op,
      queue: queueOfJob(op),
      params: options.params ?? {},
      inputs,
      credits: options.credits ?? 1,
    });
    if (!outcome.ok) throw new Error('test user has too few credits');
    return outcome.task;
  }

  /** Polls the Task row until its status is one of `statuses`. */
  async waitForTask(taskId: string, statuses: Task['status'][] = ['completed', 'failed'], timeoutMs = 30_000): Promise<Task> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await this.tasks.findForProcessing(taskId);
      if (task && statuses.includes(task.status)) return task;
      if (Date.now() > deadline) throw new Error(`task ${taskId} is ${task?.status ?? 'missing'}, not ${statuses.join('|')}, after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Polls a BullMQ job until it is in `state`. */
  async waitForJobState(queue: Queue, jobId: string, state: string, timeoutMs = 30_000): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await queue.getJob(jobId);
      // Read again once in the state: the job may have moved between the read and the
      // state check, and the first copy would lack what the move wrote (failedReason…).
      if (job && (await job.getState()) === state) return (await queue.getJob(jobId)) ?? job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} is ${job ? await job.getState() : 'missing'}, not ${state}, after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  ledger(userId: string, taskId?: string): Promise<CreditLedgerEntry[]> {
    return this.prisma.creditLedgerEntry.findMany({ where: { userId, ...(taskId ? { taskId } : {}) }, orderBy: { createdAt: 'asc' } });
  }

  historyCount(taskId: string): Promise<number> {
    return this.prisma.historyEntry.count({ where: { taskId } });
  }

  async close(): Promise<void> {
    await Promise.all(this.started.map((worker) => worker.close().catch(() => undefined)));
    await this.prisma.$disconnect();
    await this.db.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
