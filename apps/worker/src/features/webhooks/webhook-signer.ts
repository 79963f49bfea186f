import { Webhook } from 'standardwebhooks';

/** The three Standard Webhooks headers of one attempt. */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(account: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const previousActive = account.previousSecret !== null && account.previousSecretExpiresAt !== null && account.previousSecretExpiresAt > now;
  return previousActive ? [account.secret, account.previousSecret as string] : [account.secret];
}

/**
 * Signs a body the Standard Webhooks way with the reference library (no hand-rolled
 * HMAC): `v1,` + base64 HMAC-SHA256 over `id.timestamp.body`, one signature per
 * secret, space-separated (how a receiver keeps verifying through a secret rotation).
 */
export function signWebhook(id: string, at: Date, body: string, secrets: readonly string[]): WebhookSignatureHeaders {
  if (secrets.length === 0) throw new Error('a webhook needs at least one signing secret');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(id, at, body));
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signatures.join(' ') };
}
