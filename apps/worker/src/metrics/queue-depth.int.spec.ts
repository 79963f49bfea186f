import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '@gradekit/contracts';
import { createRedisConnection } from '@gradekit/queue';
import { WorkerTestBed } from '../test-support/worker-test-bed';
import { QUEUE_JOBS_METRIC, QUEUE_JOB_STATES, QUEUE_PAUSED_METRIC } from './queue-depth.names';

jest.setTimeout(30_000);

/** `name{labels} value` lines of a Prometheus text scrape, parsed. */
function samples(text: string, metric: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${metric}\\{([^}]*)\\} (\\S+)$`).exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    out.push({ labels, value: Number(match[2]) });
  }
  return out;
}

describe('worker /metrics: per-queue job counts (the worker pools\' scaling signal, k8s/)', () => {
  let bed: WorkerTestBed;
  const connections: Redis[] = [];

  beforeAll(async () => {
    bed = await WorkerTestBed.create('qdepth');
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    await bed.close();
  });

  it('exports waiting, prioritized, active and delayed for every queue in QUEUE_NAMES, and paused', async () => {
    // Consumes only `image`: jobs put on the other queues stay where the test puts them.
    const started = await bed.start({ WORKER_QUEUES: 'image' });
    const prefix = started.config.queuePrefix;
    const connection = createRedisConnection(started.config.redisUrl, 'test-qdepth');
    connections.push(connection);
    const queue = (name: QueueName) => new Queue(name, { connection, prefix });
    const video = queue('video');
    const gpu = queue('gpu');
    const hooks = queue('hooks');

    await video.add('video_grade', { taskId: 'v1' });
    await video.add('video_grade', { taskId: 'v2' });
    // Prioritised jobs live in a zset BullMQ calls `prioritized`, not in the wait list KEDA's redis list scaler reads.
    await gpu.add('bg_remove', { taskId: 'g1' }, { priority: 5 });
    await hooks.add('deliver', { deliveryId: 'd1' }, { delay: 60_000 });
    // An active job: a stand-in consumer holds one hooks job until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await hooks.add('deliver', { deliveryId: 'd2' });
    const holderConnection = createRedisConnection(started.config.redisUrl, 'test-qdepth-holder');
    connections.push(holderConnection);
    const holder = new Worker('hooks', () => held, { connection: holderConnection, prefix });
    const deadline = Date.now() + 10_000;
    while ((await hooks.getJobCounts('active')).active !== 1) {
      if (Date.now() > deadline) throw new Error('the hooks job never became active');
      await new Promise((r) => setTimeout(r, 50));
    }
    await video.pause();

    const response = await fetch(`${started.worker.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(`# TYPE ${QUEUE_JOBS_METRIC} gauge`);
    expect(text).toContain(`# TYPE ${QUEUE_PAUSED_METRIC} gauge`);

    const jobs = samples(text, QUEUE_JOBS_METRIC);
    // Every queue (not only the consumed one) × every state, labelled with the prefix.
    expect(jobs).toHaveLength(QUEUE_NAMES.length * QUEUE_JOB_STATES.length);
    for (const name of QUEUE_NAMES) {
      for (const state of QUEUE_JOB_STATES) {
        expect(jobs.filter((s) => s.labels['queue'] === name && s.labels['state'] === state && s.labels['prefix'] === prefix && s.labels['app'] === 'worker')).toHaveLength(1);
      }
    }
    const value = (name: QueueName, state: string) => jobs.find((s) => s.labels['queue'] === name && s.labels['state'] === state)!.value;
    expect(value('video', 'waiting')).toBe(2); // still waiting while paused (BullMQ 6 keeps them in the wait list)
    expect(value('gpu', 'prioritized')).toBe(1);
    expect(value('gpu', 'waiting')).toBe(0);
    expect(value('hooks', 'delayed')).toBe(1);
    expect(value('hooks', 'active')).toBe(1);
    expect(value('image', 'waiting')).toBe(0);

    const paused = samples(text, QUEUE_PAUSED_METRIC);
    expect(paused).toHaveLength(QUEUE_NAMES.length);
    expect(paused.find((s) => s.labels['queue'] === 'video')!.value).toBe(1);
    expect(paused.find((s) => s.labels['queue'] === 'gpu')!.value).toBe(0);

    release();
    await holder.close();
    await Promise.all([video, gpu, hooks].map((q) => q.close()));
    await started.close();
    // After shutdown a scrape (were one to come) has no queue samples and opens nothing.
    expect(samples(await started.worker.metrics.registry.metrics(), QUEUE_JOBS_METRIC)).toEqual([]);
  });
});
