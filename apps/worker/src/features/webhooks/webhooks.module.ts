import { Module } from '@nestjs/common';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookEventBuilder } from './webhook-event.builder';
import { WebhookJobs } from './webhook-jobs.service';
import { WebhookNotifier } from './webhook-notifier.service';

/**
 * Webhooks (Standard Webhooks): the notifier a finished task calls, and the hooks
 * queue's processor that signs and delivers. No operation handlers: deliveries are
 * not catalog operations, so QueueWorkers runs this processor on the hooks queue.
 */
@Module({
  providers: [WebhookEventBuilder, WebhookJobs, WebhookNotifier, WebhookDeliveryProcessor],
  exports: [WebhookNotifier, WebhookDeliveryProcessor],
})
export class WebhooksFeature {}
