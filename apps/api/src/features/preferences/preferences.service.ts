import { Injectable } from '@nestjs/common';
import { DomainError, effectivePreferences, parsePreferencesPatch, type EffectivePreferences, type PreferencesView } from '@gradekit/contracts';
import { PreferencesRepository, WebhooksRepository } from '@gradekit/db';
import { generateWebhookSecret } from '../webhooks/webhook-secret';
import { WebhookUrlPolicy } from '../webhooks/webhook-url.policy';

/**
 * A user's preferences: the stored keys over the built-in defaults. `webhook_url` is not
 * stored with the others: it is the account default webhook URL (webhook_accounts), so
 * /preferences and /account/webhook read and write one fact, and the worker keeps resolving
 * it when a task finishes, as it always did.
 */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly webhookUrls: WebhookUrlPolicy,
  ) {}

  /** What operations use (webhook_url is left to the worker: see the class comment). */
  async effective(userId: string): Promise<EffectivePreferences> {
    const stored = await this.preferences.find(userId);
    return effectivePreferences(stored?.values ?? {});
  }

  async view(userId: string): Promise<PreferencesView> {
    const [stored, account] = await Promise.all([this.preferences.find(userId), this.webhooks.findAccount(userId)]);
    return this.present(stored?.values ?? {}, stored?.updatedAt ?? null, account?.defaultUrl ?? null);
  }

  /** Validates the whole body first (one 400 naming every bad field), then writes. */
  async update(userId: string, body: Record<string, unknown>): Promise<PreferencesView & { webhook_secret?: string }> {
    const parsed = parsePreferencesPatch(body);
    if (!parsed.ok) throw DomainError.validation('Invalid preferences', parsed.details);
    const { webhook_url: webhookUrl, ...set } = parsed.patch.set;
    const reset = parsed.patch.reset.filter((key) => key !== 'webhook_url');
    const touchesWebhook = webhookUrl !== undefined || parsed.patch.reset.includes('webhook_url');
    if (webhookUrl) await this.webhookUrls.assertAllowed(webhookUrl, 'webhook_url');

    let secret: string | undefined;
    // Clearing a URL nobody set creates nothing (no account, no secret).
    if (touchesWebhook && (webhookUrl !== undefined || (await this.webhooks.findAccount(userId)) !== null)) {
      const { account, created } = await this.webhooks.setDefaultUrl(userId, webhookUrl ?? null, generateWebhookSecret());
      // As PATCH /account/webhook: a secret created now is shown this once.
      if (created) secret = account.secret;
    }
    const stored = Object.keys(set).length > 0 || reset.length > 0 ? await this.preferences.merge(userId, set, reset) : await this.preferences.find(userId);
    const account = await this.webhooks.findAccount(userId);
    const view = this.present(stored?.values ?? {}, stored?.updatedAt ?? null, account?.defaultUrl ?? null);
    return secret === undefined ? view : { ...view, webhook_secret: secret };
  }

  private present(values: Record<string, unknown>, updatedAt: Date | null, webhookUrl: string | null): PreferencesView {
    return { ...effectivePreferences(values), webhook_url: webhookUrl, updated_at: updatedAt?.toISOString() ?? null };
  }
}
