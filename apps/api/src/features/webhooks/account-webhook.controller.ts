import { Body, Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiConfig } from '@gradekit/config';
import { UpdateWebhookSettingsDto } from '@gradekit/contracts';
import { WebhooksRepository } from '@gradekit/db';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../common/request-context';
import { API_CONFIG } from '../../config/api-config.provider';
import { generateWebhookSecret } from './webhook-secret';
import { WebhookUrlPolicy } from './webhook-url.policy';
import { webhookSettingsView, type WebhookSettingsView } from './webhook.views';

const FORMAT = 'Deliveries follow Standard Webhooks (README, "Webhooks"): headers webhook-id, webhook-timestamp and webhook-signature (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with your `whsec_` secret).';

@ApiTags('Webhooks')
@Controller('api/v1/account/webhook')
export class AccountWebhookController {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly policy: WebhookUrlPolicy,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your webhook settings: default URL, whether it was disabled by a 410, secret dates (never the secret)', description: FORMAT })
  async get(@CurrentPrincipal() principal: Principal): Promise<WebhookSettingsView> {
    return webhookSettingsView(await this.webhooks.findAccount(principal.user.id));
  }

  @Patch()
  @ApiOperation({
    summary: 'Set or clear the account default webhook URL',
    description: `Tasks without a webhook_url of their own notify this URL when they complete or fail. The URL passes the SSRF guard (a private or loopback address is a 400). The first call creates your signing secret and returns it as \`secret\` — the only time it is shown; later calls never return it (rotate it with POST …/rotate-secret). Setting a URL re-enables it after a 410 disabled it. ${FORMAT}`,
  })
  @ApiOkResponse({ description: 'The settings; `secret` only when this call created it' })
  async update(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateWebhookSettingsDto): Promise<WebhookSettingsView> {
    const url = dto.url ?? null;
    if (url !== null) await this.policy.assertAllowed(url, 'url');
    const { account, created } = await this.webhooks.setDefaultUrl(principal.user.id, url, generateWebhookSecret());
    return { ...webhookSettingsView(account), ...(created ? { secret: account.secret } : {}) };
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create or rotate your webhook signing secret (shown once)',
    description: `Returns the new \`whsec_\` secret; it is never shown again. For WEBHOOK_SECRET_OVERLAP_HOURS (24 h by default) the previous secret signs too: webhook-signature then carries two space-separated signatures, so a receiver verifying with either secret accepts the delivery while you switch over. ${FORMAT}`,
  })
  @ApiOkResponse({ description: 'The settings with the new `secret`' })
  async rotate(@CurrentPrincipal() principal: Principal): Promise<WebhookSettingsView & { secret: string }> {
    const now = new Date();
    const account = await this.webhooks.rotateSecret(principal.user.id, generateWebhookSecret(), new Date(now.getTime() + this.config.webhooks.secretOverlapMs), now);
    return { ...webhookSettingsView(account, now), secret: account.secret };
  }
}
