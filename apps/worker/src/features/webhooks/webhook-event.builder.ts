import { Inject, Injectable } from '@nestjs/common';
import type { Task } from '@prisma/client';
import type { WorkerConfig } from '@gradekit/config';
import type { WebhookEventBody, WebhookEventType } from '@gradekit/contracts';
import { CreditsRepository } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import { STORAGE } from '../../common/storage.provider';
import { WORKER_CONFIG } from '../../config/worker-config.provider';

/** As long as the api's result URLs (a week, what S3 allows), so a link in a late retry still works. */
const RESULT_URL_TTL_SECONDS = 7 * 24 * 3600;

/** The event a finished task sends; null while it is not finished. */
export function eventTypeOf(status: Task['status']): WebhookEventType | null {
  if (status === 'completed') return 'task.completed';
  if (status === 'failed') return 'task.failed';
  return null;
}

/** Storage keys of a result's files: `key`, `thumbnail_key`, `lut_key` (videos, test frames), and the same in `items[]` (batches). */
export function resultKeys(result: unknown): string[] {
  const keysOf = (value: unknown): string[] => {
    if (typeof value !== 'object' || value === null) return [];
    const record = value as Record<string, unknown>;
    return [record.key, record.thumbnail_key, record.lut_key].filter((key): key is string => typeof key === 'string' && key.length > 0);
  };
  const items = typeof result === 'object' && result !== null && Array.isArray((result as { items?: unknown }).items) ? (result as { items: unknown[] }).items : [];
  return [...keysOf(result), ...items.flatMap(keysOf)];
}

/**
 * Builds a webhook body from the task row as it is now. Built at each attempt rather
 * than stored: the result URLs are presigned afresh, so a retry a day later carries
 * links that still work; the task itself no longer changes once finished.
 */
@Injectable()
export class WebhookEventBuilder {
  constructor(
    private readonly credits: CreditsRepository,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async build(task: Task): Promise<WebhookEventBody | null> {
    const type = eventTypeOf(task.status);
    if (!type) return null;
    const completed = task.status === 'completed';
    const [refunded, resultUrls] = await Promise.all([
      this.credits.refundedFor(task.id),
      completed ? Promise.all(resultKeys(task.result).map((key) => this.storage.presignGet(key, RESULT_URL_TTL_SECONDS))) : Promise.resolve([]),
    ]);
    return {
      type,
      timestamp: (task.finishedAt ?? task.updatedAt).toISOString(),
      data: {
        task_id: task.id,
        op: task.op,
        status: completed ? 'completed' : 'failed',
        result: completed ? (task.result ?? null) : null,
        result_urls: resultUrls,
        error: completed ? null : ((task.error as WebhookEventBody['data']['error']) ?? null),
        credits_used: task.credits - refunded,
        status_url: `${this.config.publicUrl}/api/v1/tasks/${task.id}`,
      },
    };
  }
}
