import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { InputResolver } from './inputs/input-resolver.service';
import { OperationRunner } from './operation-runner.service';
import { AnalyzeController } from './routes/analyze.controller';
import { SandboxResults } from './sandbox/sandbox-results.service';
import { UsageRecorder } from '../usage/usage-recorder.service';

/** Paid operations: one runner for the lifecycle, thin controllers per route. */
@Module({
  controllers: [AnalyzeController],
  providers: [OperationRunner, InputResolver, SandboxResults, IdempotencyInterceptor, UsageRecorder],
  exports: [OperationRunner, InputResolver],
})
export class OperationsModule {}
