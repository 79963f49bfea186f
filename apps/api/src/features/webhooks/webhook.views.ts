import type { WebhookAccount, WebhookAttempt, WebhookDelivery } from '@prisma/client';

/** GET/PATCH /api/v1/account/webhook: the settings, never the secret (it is shown only when created or rotated). */
export interface WebhookSettingsView {
  url: string | null;
  /** Set when the default URL answered 410; PATCH the URL again to re-enable it. */
  url_disabled_at: string | null;
  secret_created_at: string | null;
  /** Until then the previous secret signs too (a second signature in webhook-signature). */
  previous_secret_expires_at: string | null;
  /** Present only in the response that created or rotated the secret. */
  secret?: string;
}

export function webhookSettingsView(account: WebhookAccount | null, now = new Date()): WebhookSettingsView {
  const overlap = account?.previousSecretExpiresAt && account.previousSecretExpiresAt > now ? account.previousSecretExpiresAt.toISOString() : null;
  return {
    url: account?.defaultUrl ?? null,
    url_disabled_at: account?.defaultUrlDisabledAt?.toISOString() ?? null,
    secret_created_at: account?.secretCreatedAt.toISOString() ?? null,
    previous_secret_expires_at: overlap,
  };
}

export interface DeliveryAttemptView {
  id: string;
  attempted_at: string;
  url: string;
  /** null: no HTTP answer (timeout, connection refused, refused by the SSRF guard). */
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export function attemptView(row: WebhookAttempt): DeliveryAttemptView {
  return { id: row.id, attempted_at: row.createdAt.toISOString(), url: row.url, status_code: row.statusCode, latency_ms: row.latencyMs, error: row.error };
}

/** The delivery (message) a list of attempts belongs to. */
export interface DeliveryView {
  /** The `webhook-id` header of every attempt. */
  id: string;
  event_type: string;
  url: string;
  status: WebhookDelivery['status'];
  runs: number;
  delivered_at: string | null;
  created_at: string;
}

export function deliveryView(row: WebhookDelivery): DeliveryView {
  return { id: row.id, event_type: row.eventType, url: row.url, status: row.status, runs: row.runs, delivered_at: row.deliveredAt?.toISOString() ?? null, created_at: row.createdAt.toISOString() };
}
