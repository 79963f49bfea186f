import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { UsageRecorder } from '../usage/usage-recorder.service';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ImageResultPresenter } from './image-result.presenter';
import { InputResolver } from './inputs/input-resolver.service';
import { LutFileResponder } from './lut-file.responder';
import { OperationRunner } from './operation-runner.service';
import { SandboxDemoController } from './sandbox/sandbox-demo.controller';
import { SandboxResults } from './sandbox/sandbox-results.service';
import { WebhookUrlPolicy } from '../features/webhooks/webhook-url.policy';
import { PreferencesService } from '../features/preferences/preferences.service';

/**
 * What every operation route shares: one runner for the lifecycle of a paid call, the
 * input resolver, the result presenters and sandbox mode. The routes themselves live
 * in the feature modules (apps/api/src/features), which import this module.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [SandboxDemoController],
  providers: [OperationRunner, InputResolver, SandboxResults, IdempotencyInterceptor, UsageRecorder, ImageResultPresenter, LutFileResponder, WebhookUrlPolicy, PreferencesService],
  exports: [OperationRunner, InputResolver, ImageResultPresenter, LutFileResponder, IdempotencyInterceptor, UsageRecorder],
})
export class OperationsModule {}
