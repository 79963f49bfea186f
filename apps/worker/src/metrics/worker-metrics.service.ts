import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { createMetricsRegistry, jobMetrics } from '@gradekit/observability';
import { WORKER_LOGGER } from '../common/logger.provider';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { QueueDepthGauge } from './queue-depth.gauge';

/** How a job attempt ended: done, given up on (task failed and refunded), or left for a retry. */
export type JobOutcomeStatus = 'completed' | 'failed' | 'retried';

/**
 * The worker's Prometheus registry: Node process metrics, jobs_total and
 * job_duration_seconds, and (with a config) the per-queue job counts the worker pools
 * scale on (gradekit_queue_jobs, queue-depth.names.ts).
 */
@Injectable()
export class WorkerMetrics implements OnApplicationShutdown {
  readonly registry = createMetricsRegistry('worker');
  private readonly jobs = jobMetrics(this.registry);
  private readonly queueDepth: QueueDepthGauge | null;

  constructor(@Optional() @Inject(WORKER_CONFIG) config?: WorkerConfig, @Optional() @Inject(WORKER_LOGGER) logger?: Logger) {
    this.queueDepth = config
      ? new QueueDepthGauge(this.registry, config, (error) => logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not read queue counts for /metrics'))
      : null;
  }

  recordJob(queue: string, op: string, status: JobOutcomeStatus, seconds: number): void {
    this.jobs.jobs.inc({ queue, op, status });
    this.jobs.duration.observe({ queue, op, status }, seconds);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queueDepth?.close();
  }
}
