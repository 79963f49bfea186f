import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { WorkerConfig } from '@gradekit/config';
import { WEBHOOK_JOB, queueOfJob, webhookJobId, type WebhookJobData } from '@gradekit/contracts';
import { bullConnection, webhookJobOptions } from '@gradekit/queue';
import { WORKER_CONFIG } from '../../config/worker-config.provider';

/** The worker's producer side of the hooks queue (a finished task enqueues its delivery); opened on first use. */
@Injectable()
export class WebhookJobs implements OnApplicationShutdown {
  private queue: Queue<WebhookJobData> | null = null;

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  async enqueue(deliveryId: string, run: number): Promise<void> {
    this.queue ??= new Queue<WebhookJobData>(queueOfJob(WEBHOOK_JOB), { connection: bullConnection(this.config.redisUrl, 'worker-hooks-producer'), prefix: this.config.queuePrefix });
    await this.queue.add(WEBHOOK_JOB, { deliveryId }, webhookJobOptions(webhookJobId(deliveryId, run), this.config.webhooks.retryScheduleMs.length));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
