import { EnvReader, type Env } from './env-reader';
import { readCommonConfig, type CommonConfig } from './common-config';

export const ALL_QUEUES = ['image', 'gpu', 'video', 'hooks'] as const;
export type WorkerQueueName = (typeof ALL_QUEUES)[number];

export interface WorkerConfig extends CommonConfig {
  /** Port of the worker's own /healthz, /readyz and /metrics. */
  port: number;
  host: string;
  /** Which queues this process consumes (a GPU pod runs `gpu,video`, a CPU pod `image,hooks`). */
  queues: WorkerQueueName[];
  concurrency: number;
  /** How long SIGTERM waits for running jobs before closing anyway. */
  shutdownGraceMs: number;
}

export function loadWorkerConfig(env: Env): WorkerConfig {
  const reader = new EnvReader(env);
  const port = reader.int('WORKER_PORT', 3001, { min: 0, max: 65535 });
  const common = readCommonConfig(reader, reader.int('API_PORT', 3000, { min: 0, max: 65535 }));
  const queues = reader.list('WORKER_QUEUES', [...ALL_QUEUES]);
  for (const queue of queues) {
    if (!(ALL_QUEUES as readonly string[]).includes(queue)) {
      reader.fail(`WORKER_QUEUES has an unknown queue "${queue}" (known: ${ALL_QUEUES.join(', ')})`);
    }
  }
  const config: WorkerConfig = {
    ...common,
    port,
    host: reader.string('WORKER_HOST', '0.0.0.0'),
    queues: queues as WorkerQueueName[],
    concurrency: reader.int('WORKER_CONCURRENCY', 2, { min: 1, max: 64 }),
    shutdownGraceMs: reader.int('SHUTDOWN_GRACE_MS', 30_000, { min: 0 }),
  };
  reader.done();
  return config;
}
