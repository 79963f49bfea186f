import { Injectable } from '@nestjs/common';
import { createMetricsRegistry, jobMetrics } from '@gradekit/observability';

/** How a job attempt ended: done, given up on (task failed and refunded), or left for a retry. */
export type JobOutcomeStatus = 'completed' | 'failed' | 'retried';

/** The worker's Prometheus registry: Node process metrics plus jobs_total and job_duration_seconds. */
@Injectable()
export class WorkerMetrics {
  readonly registry = createMetricsRegistry('worker');
  private readonly jobs = jobMetrics(this.registry);

  recordJob(queue: string, op: string, status: JobOutcomeStatus, seconds: number): void {
    this.jobs.jobs.inc({ queue, op, status });
    this.jobs.duration.observe({ queue, op, status }, seconds);
  }
}
