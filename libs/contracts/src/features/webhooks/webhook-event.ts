/** The events a task sends when it finishes (the body's `type`). */
export const WEBHOOK_EVENT_TYPES = ['task.completed', 'task.failed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The JSON body of a webhook, in Standard Webhooks' envelope (`type`, `timestamp`,
 * `data`). Built afresh at every attempt (result URLs are presigned then), while the
 * `webhook-id` header stays the delivery's id.
 */
export interface WebhookEventBody {
  type: WebhookEventType;
  /** When the task finished (ISO-8601 UTC); not the time of this attempt (that is `webhook-timestamp`). */
  timestamp: string;
  data: {
    task_id: string;
    op: string;
    status: 'completed' | 'failed';
    /** The stored result (storage keys) for a completed task, else null. */
    result: unknown;
    /** Presigned download URLs of the result's files (image, thumbnail, LUT, batch items), valid for 7 days. */
    result_urls: string[];
    error: { code: string; message: string; details?: unknown[] } | null;
    /** What the task finally cost: its charge minus refunds (0 for a failed task). */
    credits_used: number;
    /** GET this (with your key) for the task's current state. */
    status_url: string;
  };
}

/** The hooks queue's job: one delivery (message) by id; the job id adds the run, so a redelivery is a new job. */
export interface WebhookJobData {
  deliveryId: string;
}

/** BullMQ job id of a delivery's n-th run (1 = the first send, 2+ = redeliveries). */
export function webhookJobId(deliveryId: string, run: number): string {
  return `${deliveryId}.${run}`;
}

/** The `whsec_` prefix Standard Webhooks gives secrets (the rest is base64 of 32 random bytes). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
