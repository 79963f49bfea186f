import { Module } from '@nestjs/common';
import { AccountWebhookController } from './account-webhook.controller';
import { TaskDeliveriesController } from './task-deliveries.controller';
import { WebhookUrlPolicy } from './webhook-url.policy';

/**
 * Webhooks (README "Webhooks"): the account default URL and signing secret, and each
 * task's delivery attempts with redelivery. The worker's webhooks feature sends them;
 * OperationsModule uses WebhookUrlPolicy to check an operation's `webhook_url`.
 */
@Module({
  controllers: [AccountWebhookController, TaskDeliveriesController],
  providers: [WebhookUrlPolicy],
})
export class WebhooksFeature {}
