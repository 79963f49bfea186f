import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ImageResultPresenter } from './image-result.presenter';
import { InputResolver } from './inputs/input-resolver.service';
import { OperationRunner } from './operation-runner.service';
import { AnalyzeController } from './routes/analyze.controller';
import { LutFileResponder } from './lut-file.responder';
import { LutExportController } from './routes/lut-export.controller';
import { MatchBatchController } from './routes/match-batch.controller';
import { MatchController } from './routes/match.controller';
import { SandboxDemoController } from './sandbox/sandbox-demo.controller';
import { SandboxResults } from './sandbox/sandbox-results.service';
import { UsageRecorder } from '../usage/usage-recorder.service';

/** Paid operations: one runner for the lifecycle, thin controllers per route. */
@Module({
  controllers: [AnalyzeController, MatchController, MatchBatchController, LutExportController, SandboxDemoController],
  providers: [OperationRunner, InputResolver, SandboxResults, IdempotencyInterceptor, UsageRecorder, ImageResultPresenter, LutFileResponder],
  exports: [OperationRunner, InputResolver, ImageResultPresenter],
})
export class OperationsModule {}
