import { randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '@gradekit/contracts';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (what the library's Webhook class decodes). */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}
