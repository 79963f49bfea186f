import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { WorkerConfig } from '@gradekit/config';
import { DbModule } from '@gradekit/db';
import { loggerProvider } from './common/logger.provider';
import { storageProvider } from './common/storage.provider';
import { WORKER_CONFIG } from './config/worker-config.provider';
import { AnalyzeHandler } from './handlers/analyze/analyze.handler';
import { AiGradingService } from './handlers/ai/ai-grading.service';
import { AiRefineHandler } from './handlers/ai/ai-refine.handler';
import { AiSuggestHandler } from './handlers/ai/ai-suggest.handler';
import { GradingAssistantService } from './handlers/ai/grading-assistant.service';
import { RemoteAssistantClient } from './handlers/ai/remote-assistant.client';
import { HandlerRegistry, OPERATION_HANDLERS } from './handlers/handler.registry';
import type { OperationHandler } from './handlers/operation-handler';
import { HealthServer } from './health/health.server';
import { LutExportMatchHandler } from './handlers/lut/lut-export-match.handler';
import { MatchBatchHandler } from './handlers/match/match-batch.handler';
import { MatchEngine } from './handlers/match/match-engine.service';
import { MatchHandler } from './handlers/match/match.handler';
import { MatchMultiHandler } from './handlers/match/match-multi.handler';
import { ActionApplyHandler } from './handlers/actions/action-apply.handler';
import { ActionStepPlanner } from './handlers/actions/action-step.planner';
import { WhiteBalanceHandler } from './handlers/white-balance/white-balance.handler';
import { ExampleLutService } from './handlers/lut/example-lut.service';
import { LutApplyHandler } from './handlers/lut/lut-apply.handler';
import { LutExportBeforeAfterHandler } from './handlers/lut/lut-export-before-after.handler';
import { FilmEffectsApplyHandler } from './handlers/grading/film-effects-apply.handler';
import { GradedImageRenderer } from './handlers/grading/graded-image.renderer';
import { LookApplyHandler } from './handlers/grading/look-apply.handler';
import { PresetApplyHandler } from './handlers/grading/preset-apply.handler';
import { LutExportPresetHandler } from './handlers/lut/lut-export-preset.handler';
import { ImageDecoder } from './media/image-decoder';
import { FullImageLut } from './media/full-image-lut.service';
import { ImageEncoder } from './media/image-encoder';
import { ImageOutputService } from './output/image-output.service';
import { LutOutputService } from './output/lut-output.service';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { BULLMQ_TUNING, QueueWorkers, type BullmqTuning } from './processing/queue-workers.service';
import { TaskJobProcessor } from './processing/task-job.processor';

/** One handler per catalog operation; adding an op = add its class here (the registry refuses gaps). */
const HANDLER_CLASSES = [
  AnalyzeHandler,
  MatchHandler,
  MatchBatchHandler,
  LutExportMatchHandler,
  PresetApplyHandler,
  FilmEffectsApplyHandler,
  LookApplyHandler,
  LutExportPresetHandler,
  AiSuggestHandler,
  AiRefineHandler,
  WhiteBalanceHandler,
  LutApplyHandler,
  LutExportBeforeAfterHandler,
  MatchMultiHandler,
  ActionApplyHandler,
];

export interface WorkerModuleOptions {
  /**
   * Replaces the handler list (tests): gets the real handlers, returns the ones to
   * register. The registry still checks the result against the catalog.
   */
  handlers?: (defaults: OperationHandler[]) => OperationHandler[];
  /** BullMQ lock and stall settings (tests shorten them to exercise job release). */
  bullmq?: BullmqTuning;
}

/**
 * The worker: a Nest application context (no HTTP framework) holding the config,
 * Postgres repositories, storage, logger, metrics, the handler registry, the job
 * processor, the BullMQ workers and the health server.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, options: WorkerModuleOptions = {}): DynamicModule {
    const handlersProvider: Provider = {
      provide: OPERATION_HANDLERS,
      inject: HANDLER_CLASSES,
      useFactory: (...defaults: OperationHandler[]) => (options.handlers ? options.handlers(defaults) : defaults),
    };
    return {
      module: WorkerModule,
      imports: [DbModule.forRoot(config.databaseUrl)],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: BULLMQ_TUNING, useValue: options.bullmq ?? null },
        loggerProvider,
        storageProvider,
        WorkerMetrics,
        ImageDecoder,
        ImageEncoder,
        FullImageLut,
        ImageOutputService,
        MatchEngine,
        GradedImageRenderer,
        LutOutputService,
        ExampleLutService,
        ActionStepPlanner,
        AiGradingService,
        GradingAssistantService,
        RemoteAssistantClient,
        ...HANDLER_CLASSES,
        handlersProvider,
        HandlerRegistry,
        TaskJobProcessor,
        QueueWorkers,
        HealthServer,
      ],
    };
  }
}
