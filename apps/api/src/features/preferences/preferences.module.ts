import { Module } from '@nestjs/common';
import { WebhookUrlPolicy } from '../webhooks/webhook-url.policy';
import { PreferencesController } from './preferences.controller';
import { PreferencesService } from './preferences.service';

/**
 * GET/PATCH /api/v1/preferences. OperationsModule provides PreferencesService too: the
 * runner resolves preferences into each task's params (preferred-request-fields.ts).
 */
@Module({ controllers: [PreferencesController], providers: [PreferencesService, WebhookUrlPolicy] })
export class PreferencesFeature {}
