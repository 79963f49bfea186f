import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@gradekit/contracts';
import { CreditsRepository, TasksRepository } from '@gradekit/db';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../common/request-context';
import { ImageResultPresenter } from '../operations/image-result.presenter';
import { taskBody, type TaskBody } from '../operations/operation-response';
import { TaskQueues, type QueueCounts } from '../queue/task-queues.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('Tasks & Queue')
@Controller('api/v1')
export class TasksController {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly queues: TaskQueues,
    private readonly presenter: ImageResultPresenter,
    private readonly credits: CreditsRepository,
  ) {}

  @Get('tasks/:id')
  @ApiOperation({
    summary: 'Get an async task: status, progress, result or error',
    description: 'status is queued | processing | completed | failed | canceled; progress 0–100 and `eta_seconds` (extrapolated from the progress so far while processing, else null). A failed task was refunded: its credits_used is 0 (a batch: what its failed items cost is refunded). Another user\'s task is a 404.',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such task of yours' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskBody> {
    const task = UUID.test(id) ? await this.tasks.find(principal.user.id, id) : null;
    if (!task) throw DomainError.notFound('Task');
    // What the task finally cost: its charge minus any refund (all of it when it failed, a batch's failed items).
    const body = taskBody(task, task.credits - (await this.credits.refundedFor(task.id)));
    return task.status === 'completed' ? { ...body, result: (await this.presenter.present(task.op, task.result)).result } : body;
  }

  @Get('queue/stats')
  @ApiOperation({ summary: 'Queue statistics: waiting, active, completed, failed and delayed jobs per queue (image, gpu, video, hooks)' })
  async stats(): Promise<{ queues: Record<string, QueueCounts> }> {
    return { queues: await this.queues.counts() };
  }
}
