import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ImageResultPresenter } from './image-result.presenter';
import { InputResolver } from './inputs/input-resolver.service';
import { OperationRunner } from './operation-runner.service';
import { AiController } from './routes/ai.controller';
import { AnalyzeController } from './routes/analyze.controller';
import { LutFileResponder } from './lut-file.responder';
import { LutExportController } from './routes/lut-export.controller';
import { MatchBatchController } from './routes/match-batch.controller';
import { MatchController } from './routes/match.controller';
import { WhiteBalanceController } from './routes/white-balance.controller';
import { LutApplyController } from './routes/lut-apply.controller';
import { MatchMultiController } from './routes/match-multi.controller';
import { GradingCatalog } from './catalog/grading-catalog.service';
import { OptionsCatalog } from './catalog/options-catalog.service';
import { FilmEffectsController } from './routes/film-effects.controller';
import { LooksController } from './routes/looks.controller';
import { LutExportPresetController } from './routes/lut-export-preset.controller';
import { OptionsController } from './routes/options.controller';
import { PresetsController } from './routes/presets.controller';
import { SandboxDemoController } from './sandbox/sandbox-demo.controller';
import { SandboxResults } from './sandbox/sandbox-results.service';
import { UsageRecorder } from '../usage/usage-recorder.service';

/** Paid operations: one runner for the lifecycle, thin controllers per route. */
@Module({
  controllers: [AnalyzeController, MatchController, MatchBatchController, LutExportController, SandboxDemoController, PresetsController, FilmEffectsController, LooksController, LutExportPresetController, OptionsController, AiController, WhiteBalanceController, LutApplyController, MatchMultiController],
  providers: [OperationRunner, InputResolver, SandboxResults, IdempotencyInterceptor, UsageRecorder, ImageResultPresenter, LutFileResponder, GradingCatalog, OptionsCatalog],
  exports: [OperationRunner, InputResolver, ImageResultPresenter],
})
export class OperationsModule {}
