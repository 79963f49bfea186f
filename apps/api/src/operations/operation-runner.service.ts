import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiConfig } from '@gradekit/config';
import { DomainError, OPERATION_CATALOG, dependencyOutage, dependencyUnavailableError, isErrorCode, type InputKeyOf, type JsonObject, type OperationName, type ParamsOf } from '@gradekit/contracts';
import { CreditsRepository, TasksRepository } from '@gradekit/db';
import { API_CONFIG } from '../config/api-config.provider';
import type { GradekitRequest, Principal } from '../common/request-context';
import { TaskQueues } from '../queue/task-queues.service';
import { UsageRecorder } from '../usage/usage-recorder.service';
import { InputResolver, type ImageInputField } from './inputs/input-resolver.service';
import type { AcceptedBody, OperationResultBody } from './operation-response';
import { ImageResultPresenter } from './image-result.presenter';
import { SandboxResults } from './sandbox/sandbox-results.service';
import { WebhookUrlPolicy } from '../features/webhooks/webhook-url.policy';
import { PreferencesService } from '../features/preferences/preferences.service';
import { withPreferences } from '../features/preferences/preferred-request-fields';

export interface OperationRequest<Op extends OperationName> {
  /** The input files by role (`inputFieldsOf` derives them from the catalog entry's roles). */
  inputs: ImageInputField<InputKeyOf<Op>>[];
  /** `base64`: the output image inline as `image` (also implied when an input came as base64). */
  responseFormat?: 'url' | 'base64';
  /** Billable units (a batch's targets); the charge is the catalog price × units. Default 1. */
  units?: number;
  /** The op's parameters, exactly as the worker's handler receives them (validated already by the DTO). */
  params: ParamsOf<Op> & JsonObject;
  /** The request's `webhook_url` (WebhookUrlField); checked here, before anything is charged. */
  webhookUrl?: string | null;
  /** false: answer 202 with the task id at once instead of waiting up to the sync timeout (long jobs: video). Default true. */
  wait?: boolean;
}

export function isSandboxRequest(req: GradekitRequest): boolean {
  const header = req.header('x-sandbox')?.trim().toLowerCase();
  return header === 'true' || header === '1';
}

/**
 * The lifecycle of a paid call (docs/architecture.md, "The request lifecycle"), shared by every
 * operation route so none of them re-implements charging, queueing or sandboxing:
 * resolve inputs → (sandbox: demo result) → one transaction creating the Task and
 * its debit (402 when short) → enqueue with jobId = task id → wait up to the sync
 * timeout → the result, or 202 with the task id.
 */
@Injectable()
export class OperationRunner {
  constructor(
    private readonly inputs: InputResolver,
    private readonly credits: CreditsRepository,
    private readonly tasks: TasksRepository,
    private readonly queues: TaskQueues,
    private readonly sandbox: SandboxResults,
    private readonly usage: UsageRecorder,
    private readonly presenter: ImageResultPresenter,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly webhookUrls: WebhookUrlPolicy,
    private readonly preferences: PreferencesService,
  ) {}

  async run<Op extends OperationName>(req: GradekitRequest, res: Response, op: Op, request: OperationRequest<Op>): Promise<OperationResultBody | AcceptedBody> {
    const principal = req.principal as Principal;
    const userId = principal.user.id;
    const sandbox = isSandboxRequest(req);
    this.usage.recordWhenFinished(req, res, { op, credits: 0, sandbox, taskId: null });
    if (request.webhookUrl) await this.webhookUrls.assertUsableForTask(userId, request.webhookUrl);
    const resolved = await this.inputs.resolveAll(userId, request.inputs, sandbox);

    const inlineBase64 = request.responseFormat === 'base64' || resolved.some((input) => input.source === 'base64');
    if (sandbox) {
      res.status(200);
      return { ...this.sandbox.resultFor(op, { inlineBase64 }), credits_used: 0, credits_remaining: principal.user.creditBalance, sandbox: true };
    }

    const definition = OPERATION_CATALOG[op];
    const price = definition.credits * (request.units ?? 1);
    const taskId = randomUUID();
    // Fields the request left out take the caller's preferences (docs/library.md, "Preferences");
    // req.body is the JSON as sent, before the DTO filled in its own defaults.
    const params = withPreferences(op, request.params, req.body, await this.preferences.effective(userId));
    const charge = await this.credits.createTaskWithCharge(userId, {
      id: taskId,
      op,
      queue: definition.queue,
      params,
      inputs: Object.fromEntries(resolved.map((input) => [input.role, input.key])),
      credits: price,
      webhookUrl: request.webhookUrl ?? null,
    });
    if (!charge.ok) {
      throw new DomainError('INSUFFICIENT_CREDITS', `This call costs ${price} credit(s); your balance is ${charge.balance}`, [
        { message: 'Ask an administrator for credits or upgrade your plan', required: price, balance: charge.balance },
      ]);
    }
    req.usage = { op, credits: price, sandbox: false, taskId };

    // No webhook for a queue outage: the caller learns it from this very response (503), and the
    // hooks queue lives on the same Redis that just failed.
    const job = await this.queues.enqueue(op, taskId).catch(async () => {
      await this.credits.failTaskAndRefund(taskId, { code: 'DEPENDENCY_UNAVAILABLE', message: 'The job queue was unavailable' });
      throw dependencyUnavailableError('redis', 'your credits were refunded');
    });
    if (request.wait !== false) await this.queues.waitForJob(job, this.config.syncTimeoutMs);

    // Independent once the job has finished: read side by side, not one after another (latency of every sync call).
    const read = await Promise.all([this.tasks.find(userId, taskId), this.credits.balance(userId), this.credits.refundedFor(taskId)]).catch((error: unknown) => {
      // Charged and queued, then the database went away: the task exists and will run, so the
      // caller gets its id (202), never a 503 that invites a second, doubly charged call.
      if (dependencyOutage(error) === 'database') return null;
      throw error;
    });
    const accepted = (status: AcceptedBody['status'], balance: number): AcceptedBody => {
      res.status(202);
      return { task_id: taskId, status, status_url: `/api/v1/tasks/${taskId}`, credits_used: price, credits_remaining: balance, sandbox: false };
    };
    if (!read) return accepted('queued', charge.balance);
    const [task, balance, refunded] = read;
    if (!task) throw new Error(`task ${taskId} vanished`);
    if (task.status === 'failed') {
      req.usage = { op, credits: 0, sandbox: false, taskId };
      const error = (task.error ?? {}) as { code?: string; message?: string; details?: unknown[] };
      const code = isErrorCode(error.code) ? error.code : 'INTERNAL';
      throw new DomainError(code, error.message ?? 'The operation failed', [
        ...((error.details as { message: string }[]) ?? []),
        { message: `Task ${taskId} failed; its ${price} credit(s) were refunded`, task_id: taskId, credits_refunded: price },
      ]);
    }
    if (task.status !== 'completed') return accepted(task.status, balance);
    res.status(200);
    const presented = await this.presenter.present(op, task.result, { inlineBase64 });
    // A batch's failed items were refunded with the result: credits_used is what was kept.
    return { task_id: taskId, ...presented, history_id: task.history?.id ?? null, credits_used: price - refunded, credits_remaining: balance, sandbox: false };
  }
}
