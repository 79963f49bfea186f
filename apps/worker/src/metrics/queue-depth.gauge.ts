import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import { QUEUE_NAMES, type QueueName } from '@gradekit/contracts';
import { createRedisConnection } from '@gradekit/queue';
import { QUEUE_JOBS_METRIC, QUEUE_JOB_STATES, QUEUE_PAUSED_METRIC } from './queue-depth.names';

type QueueCounts = Map<QueueName, { counts: Record<string, number>; isPaused: boolean }>;

export interface QueueDepthSource {
  redisUrl: string;
  queuePrefix: string;
}

/** A scrape never waits longer than this on Redis: past it the gauges are left empty (KEDA then uses its fallback). */
const COLLECT_TIMEOUT_MS = 2000;
/** The two gauges of one scrape share one read; scrapes are seconds apart. */
const SCRAPE_REUSE_MS = 500;

/**
 * Per-queue job counts for the autoscalers (k8s/: KEDA's Prometheus scaler), read from
 * BullMQ's own getJobCounts at each scrape: waiting, prioritized, active and delayed, plus
 * whether the queue is paused, for every queue in QUEUE_NAMES. One Redis connection,
 * opened at the first scrape, shared by a Queue object per queue (no Worker, so nothing
 * is consumed). When Redis does not answer, the scrape still succeeds with the process
 * metrics and no queue samples.
 */
export class QueueDepthGauge {
  private connection: Redis | null = null;
  private queues: Map<QueueName, Queue> | null = null;
  private closed = false;
  private lastRead: { at: number; counts: Promise<QueueCounts | null> } | null = null;

  constructor(
    registry: Registry,
    private readonly source: QueueDepthSource,
    private readonly onError: (error: unknown) => void,
  ) {
    // collect() runs on every scrape.
    const jobs: Gauge<'queue' | 'state' | 'prefix'> = new Gauge({
      name: QUEUE_JOBS_METRIC,
      help: 'BullMQ jobs per queue and state (getJobCounts), the worker pools\' scaling signal',
      labelNames: ['queue', 'state', 'prefix'] as const,
      registers: [registry],
      collect: async () => {
        jobs.reset();
        const counts = await this.forScrape();
        const prefix = this.source.queuePrefix;
        for (const [queue, { counts: byState }] of counts ?? []) {
          for (const state of QUEUE_JOB_STATES) jobs.set({ queue, state, prefix }, byState[state] ?? 0);
        }
      },
    });
    const paused: Gauge<'queue' | 'prefix'> = new Gauge({
      name: QUEUE_PAUSED_METRIC,
      help: 'Whether the queue is paused (1) or not (0)',
      labelNames: ['queue', 'prefix'] as const,
      registers: [registry],
      collect: async () => {
        paused.reset();
        const counts = await this.forScrape();
        for (const [queue, { isPaused }] of counts ?? []) paused.set({ queue, prefix: this.source.queuePrefix }, isPaused ? 1 : 0);
      },
    });
  }

  /** One read of Redis per scrape, shared by both gauges' collect(). */
  private forScrape(): Promise<QueueCounts | null> {
    const now = Date.now();
    if (!this.lastRead || now - this.lastRead.at > SCRAPE_REUSE_MS) this.lastRead = { at: now, counts: this.read() };
    return this.lastRead.counts;
  }

  /** The counts of every queue, or null when Redis did not answer in time. */
  async read(): Promise<QueueCounts | null> {
    if (this.closed) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const queues = this.open();
      const reads = Promise.all(
        [...queues].map(async ([name, queue]) => [name, { counts: await queue.getJobCounts(...QUEUE_JOB_STATES), isPaused: await queue.isPaused() }] as const),
      );
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`queue counts took over ${COLLECT_TIMEOUT_MS} ms`)), COLLECT_TIMEOUT_MS);
      });
      return new Map(await Promise.race([reads, timeout]));
    } catch (error) {
      this.onError(error);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.lastRead = null;
    const queues = this.queues;
    const connection = this.connection;
    this.queues = null;
    this.connection = null;
    if (queues) await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
    if (connection) await connection.quit().catch(() => connection.disconnect());
  }

  private open(): Map<QueueName, Queue> {
    if (this.queues) return this.queues;
    const connection = createRedisConnection(this.source.redisUrl, 'worker-queue-depth');
    // A down Redis must not crash the process through an unhandled 'error' event; read() reports it.
    connection.on('error', () => undefined);
    this.connection = connection;
    // A shared connection: BullMQ does not close it with the Queue (close() above does).
    this.queues = new Map(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix: this.source.queuePrefix })]));
    return this.queues;
  }
}
