import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { TasksRepository, WebhooksRepository } from '@gradekit/db';
import { WORKER_LOGGER } from '../../common/logger.provider';
import { errorSummary } from '../../processing/job-error.classifier';
import { eventTypeOf } from './webhook-event.builder';
import { WebhookJobs } from './webhook-jobs.service';

/**
 * Turns a finished task into one webhook delivery on the hooks queue, when the task
 * names a webhook_url or its owner has an enabled account default. Safe to call more
 * than once per task (the delivery is unique per task) and never throws: a webhook
 * problem must not change the task's own outcome.
 */
@Injectable()
export class WebhookNotifier {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly jobs: WebhookJobs,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async taskFinished(taskId: string): Promise<void> {
    try {
      const task = await this.tasks.findForProcessing(taskId);
      const eventType = task ? eventTypeOf(task.status) : null;
      if (!task || !eventType) return;
      const account = await this.webhooks.findAccount(task.userId);
      const defaultUrl = account?.defaultUrl && !account.defaultUrlDisabledAt ? account.defaultUrl : null;
      const url = task.webhookUrl ?? defaultUrl;
      if (!url) return;
      if (!account) {
        // The api refuses a webhook_url without a secret; a row from before that rule cannot be signed.
        this.logger.warn({ taskId }, 'webhook not sent: the owner has no webhook secret');
        return;
      }
      const delivery = await this.webhooks.createDelivery(task.userId, { taskId, eventType, url, viaDefault: task.webhookUrl === null });
      if (!delivery) return; // already notified (a settled task can be reported twice)
      await this.jobs.enqueue(delivery.id, delivery.runs);
    } catch (error) {
      // The delivery row (if written) stays pending: POST …/deliveries/redeliver sends it.
      this.logger.error({ taskId, err: errorSummary(error) }, 'could not enqueue the webhook delivery');
    }
  }
}
