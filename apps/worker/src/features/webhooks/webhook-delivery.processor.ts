import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { isDomainError, webhookJobId, type WebhookJobData } from '@gradekit/contracts';
import { TasksRepository, WebhooksRepository, type DeliveryForSending } from '@gradekit/db';
import { safeFetch } from '@gradekit/net';
import { WORKER_LOGGER } from '../../common/logger.provider';
import { WORKER_CONFIG } from '../../config/worker-config.provider';
import { honoursRetryAfter, judgeAttempt, parseRetryAfter, retryDelayMs } from './retry-schedule';
import { WebhookEventBuilder } from './webhook-event.builder';
import { signWebhook, signingSecrets } from './webhook-signer';

export type WebhookJob = Job<WebhookJobData, unknown, string>;

/** How a delivery job ended (BullMQ keeps it as the return value). */
export interface WebhookJobReturn {
  deliveryId: string;
  status: 'delivered' | 'gone' | 'failed' | 'skipped';
}

/** Thrown to have BullMQ schedule the next attempt; carries a Retry-After to honour. */
export class WebhookAttemptFailed extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'WebhookAttemptFailed';
  }
}

/** Receivers' answers are not read; this only bounds what a hostile one can make us buffer. */
const MAX_RESPONSE_BYTES = 256 * 1024;

interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  retryAfterMs: number | null;
}

/**
 * Runs one HTTP attempt of a webhook delivery (a job of the hooks queue). Each
 * attempt signs afresh (a new webhook-timestamp, the same webhook-id), goes through
 * the SSRF guard (DNS may have changed since the URL was accepted), follows no
 * redirect and is recorded. A 2xx ends the delivery; a 410 ends it and disables the
 * account default it came from; anything else is retried on the schedule by throwing
 * (BullMQ's retry, delays from `backoffStrategy`) until the attempts are spent.
 */
@Injectable()
export class WebhookDeliveryProcessor {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly tasks: TasksRepository,
    private readonly events: WebhookEventBuilder,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  /** BullMQ's custom backoff for the hooks queue: the schedule's next delay, jittered, not before Retry-After. */
  readonly backoffStrategy = (attemptsMade: number, _type?: string, error?: Error): number =>
    retryDelayMs({ scheduleMs: this.config.webhooks.retryScheduleMs, jitter: this.config.webhooks.jitter }, attemptsMade, error instanceof WebhookAttemptFailed ? error.retryAfterMs : null);

  /**
   * A job that ended failed without deciding (a database error on its last attempt, or a
   * stall): the delivery must not stay pending forever. A scheduled retry leaves it alone.
   */
  async settleFailedJob(job: WebhookJob | undefined): Promise<void> {
    const deliveryId = job?.data?.deliveryId;
    if (!job || typeof deliveryId !== 'string' || (await job.getState()) !== 'failed') return;
    const delivery = await this.webhooks.findDeliveryForSending(deliveryId);
    if (delivery?.status === 'pending' && job.id === webhookJobId(delivery.id, delivery.runs)) await this.webhooks.setStatus(delivery.id, 'failed');
  }

  async process(job: WebhookJob): Promise<WebhookJobReturn> {
    const deliveryId = job.data?.deliveryId;
    const delivery = typeof deliveryId === 'string' ? await this.webhooks.findDeliveryForSending(deliveryId) : null;
    // Gone with its task or owner, already ended, or a job of an earlier run still retrying
    // after a redelivery started a new one: nothing to send (one schedule at a time).
    if (!delivery || delivery.status !== 'pending' || job.id !== webhookJobId(delivery.id, delivery.runs)) return { deliveryId: String(deliveryId), status: 'skipped' };
    const account = delivery.account;
    if (delivery.viaDefault && account?.defaultUrlDisabledAt && account.defaultUrl === delivery.url) {
      await this.webhooks.setStatus(delivery.id, 'gone');
      return { deliveryId: delivery.id, status: 'gone' };
    }

    const started = performance.now();
    const outcome = await this.attempt(delivery);
    await this.webhooks.recordAttempt(delivery.id, { url: delivery.url, statusCode: outcome.statusCode, latencyMs: Math.round(performance.now() - started), error: outcome.error });

    const verdict = judgeAttempt(outcome.statusCode);
    const line = { deliveryId: delivery.id, taskId: delivery.taskId, attempt: job.attemptsMade + 1, statusCode: outcome.statusCode, error: outcome.error ?? undefined };
    if (verdict === 'delivered') {
      await this.webhooks.setStatus(delivery.id, 'delivered');
      this.logger.info(line, 'webhook delivered');
      return { deliveryId: delivery.id, status: 'delivered' };
    }
    if (verdict === 'gone') {
      await this.webhooks.setStatus(delivery.id, 'gone');
      if (delivery.viaDefault) await this.webhooks.disableDefaultUrl(delivery.userId, delivery.url);
      this.logger.warn(line, 'webhook endpoint answered 410: delivery stopped');
      return { deliveryId: delivery.id, status: 'gone' };
    }
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await this.webhooks.setStatus(delivery.id, 'failed');
      this.logger.warn(line, 'webhook failed: schedule exhausted');
      return { deliveryId: delivery.id, status: 'failed' };
    }
    this.logger.info(line, 'webhook attempt failed: retrying');
    throw new WebhookAttemptFailed(outcome.error ?? `HTTP ${outcome.statusCode}`, honoursRetryAfter(outcome.statusCode) ? outcome.retryAfterMs : null);
  }

  private async attempt(delivery: DeliveryForSending): Promise<AttemptOutcome> {
    const task = await this.tasks.findForProcessing(delivery.taskId);
    const body = task ? await this.events.build(task) : null;
    if (!delivery.account || !body) {
      return { statusCode: null, error: !delivery.account ? 'the account has no webhook secret' : 'the task is not finished', retryAfterMs: null };
    }
    const text = JSON.stringify(body);
    const now = new Date();
    const signature = signWebhook(delivery.id, now, text, signingSecrets(delivery.account, now));
    try {
      const response = await safeFetch(delivery.url, {
        method: 'POST',
        body: text,
        headers: { ...signature, 'content-type': 'application/json', 'user-agent': 'Gradekit-Webhooks/1.0' },
        timeoutMs: this.config.webhooks.timeoutMs,
        maxBytes: MAX_RESPONSE_BYTES,
        followRedirects: false,
        policy: { allowHosts: this.config.webhooks.allowHosts },
      });
      const redirect = response.status >= 300 && response.status <= 399;
      return {
        statusCode: response.status,
        error: redirect ? `redirect to ${response.headers.location ?? '(no Location)'} not followed` : null,
        retryAfterMs: parseRetryAfter(response.headers['retry-after']),
      };
    } catch (error) {
      // Timeouts, refused connections and the SSRF guard's refusals: no HTTP answer.
      const reason = isDomainError(error) ? (error.details[0] as { reason?: string } | undefined)?.reason : undefined;
      const message = error instanceof Error ? error.message : String(error);
      return { statusCode: null, error: reason ? `${message} (${reason})` : message, retryAfterMs: null };
    }
  }
}
