import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { DomainError, isDomainError } from '@gradekit/contracts';
import { WebhooksRepository } from '@gradekit/db';
import { assertUrlAllowed } from '@gradekit/net';
import { API_CONFIG } from '../../config/api-config.provider';

/**
 * Checks a webhook URL when it is given (an operation's `webhook_url`, the account
 * default): the SSRF guard's parser and resolver, so a private, loopback or metadata
 * address is a 400 naming the field now rather than a silent failure later. The
 * worker checks again at every attempt (DNS can change in between).
 */
@Injectable()
export class WebhookUrlPolicy {
  constructor(
    private readonly webhooks: WebhooksRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async assertAllowed(url: string, field: string): Promise<void> {
    try {
      await assertUrlAllowed(url, { allowHosts: this.config.webhooks.allowHosts });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // The guard names its field `url`; name the request's field. A refused address keeps the
      // guard's code (as an image URL input does); a name that does not resolve is a plain 400.
      const detail = { ...(error.details[0] ?? {}), field, message: error.message };
      if (error.code === 'URL_NOT_ALLOWED') throw new DomainError('URL_NOT_ALLOWED', `${field}: ${error.message}`, [detail]);
      throw DomainError.validation(`${field}: ${error.message}`, [detail]);
    }
  }

  /** An operation's `webhook_url`: allowed, and signable (the owner has a secret they have seen). */
  async assertUsableForTask(userId: string, url: string): Promise<void> {
    await this.assertAllowed(url, 'webhook_url');
    if (!(await this.webhooks.findAccount(userId))) {
      const message = 'No webhook secret yet: create it with PATCH /api/v1/account/webhook or POST /api/v1/account/webhook/rotate-secret, then verify deliveries with it';
      throw DomainError.validation(message, [{ field: 'webhook_url', message, reason: 'no_secret' }]);
    }
  }
}
