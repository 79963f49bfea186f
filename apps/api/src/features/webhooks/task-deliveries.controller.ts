import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, PageQueryDto, type Page } from '@gradekit/contracts';
import { TasksRepository, WebhooksRepository } from '@gradekit/db';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../common/request-context';
import { TaskQueues } from '../../queue/task-queues.service';
import { attemptView, deliveryView, type DeliveryAttemptView, type DeliveryView } from './webhook.views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('Webhooks')
@Controller('api/v1/tasks/:id/deliveries')
export class TaskDeliveriesController {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly queues: TaskQueues,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A task's webhook delivery and its attempts, newest first: time, URL, status code, latency, error",
    description: 'status_code is null when no HTTP answer came (timeout after 15 s, connection refused, or an address the SSRF guard refuses). `delivery.id` is the webhook-id header of every attempt. Another user\'s task, or a task without a webhook, is a 404.',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no task of yours with this id, or it has no webhook delivery' })
  async list(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() page: PageQueryDto): Promise<Page<DeliveryAttemptView> & { delivery: DeliveryView }> {
    const delivery = await this.deliveryOf(principal.user.id, id);
    const { items, total } = await this.webhooks.listAttempts(principal.user.id, delivery.id, page.limit, page.offset);
    return { delivery: deliveryView(delivery), items: items.map(attemptView), total, limit: page.limit, offset: page.offset };
  }

  @Post('redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: "Send a task's webhook again (same webhook-id, fresh timestamp and signature, a new retry schedule)",
    description: 'Works in any state, e.g. after the endpoint was fixed, or when the delivery is pending but its job was lost. The new attempts appear in GET …/deliveries.',
  })
  @ApiOkResponse({ description: '202 with the delivery, pending again' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no task of yours with this id, or it has no webhook delivery' })
  async redeliver(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<{ delivery: DeliveryView }> {
    const delivery = await this.deliveryOf(principal.user.id, id);
    const restarted = await this.webhooks.startRedelivery(principal.user.id, delivery.id);
    if (!restarted) throw DomainError.notFound('Webhook delivery');
    await this.queues.enqueueWebhook(restarted.id, restarted.runs);
    return { delivery: deliveryView(restarted) };
  }

  private async deliveryOf(userId: string, taskId: string) {
    const task = UUID.test(taskId) ? await this.tasks.find(userId, taskId) : null;
    if (!task) throw DomainError.notFound('Task');
    const delivery = await this.webhooks.findForTask(userId, taskId);
    if (!delivery) throw DomainError.notFound('Webhook delivery');
    return delivery;
  }
}
