import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { WorkerConfig } from '@gradekit/config';
import { DbModule } from '@gradekit/db';
import { loggerProvider, WORKER_LOGGER } from './common/logger.provider';
import { STORAGE, storageProvider } from './common/storage.provider';
import { WORKER_CONFIG } from './config/worker-config.provider';
import { FullImageLut } from './media/full-image-lut.service';
import { ImageDecoder } from './media/image-decoder';
import { ImageEncoder } from './media/image-encoder';
import { ModelImageIO } from './media/models/model-image-io';
import { ModelRuntime } from './media/models/model-runtime.service';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { ImageOutputService } from './output/image-output.service';
import { LutOutputService } from './output/lut-output.service';

/** What every feature's handlers may inject without importing anything: config, logger, storage, metrics, Postgres, the media adapters (the model runtime included) and the output writers. */
const SHARED = [loggerProvider, storageProvider, WorkerMetrics, ImageDecoder, ImageEncoder, FullImageLut, ModelRuntime, ModelImageIO, ImageOutputService, LutOutputService];

/**
 * The worker's shared infrastructure, global so that a feature module lists only its
 * own handlers and services (docs/architecture.md, "How to add an operation").
 */
@Global()
@Module({})
export class WorkerCoreModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    const configProvider = { provide: WORKER_CONFIG, useValue: config };
    return {
      module: WorkerCoreModule,
      imports: [DbModule.forRoot(config.databaseUrl)],
      providers: [configProvider, ...SHARED],
      exports: [WORKER_CONFIG, WORKER_LOGGER, STORAGE, WorkerMetrics, ImageDecoder, ImageEncoder, FullImageLut, ModelRuntime, ModelImageIO, ImageOutputService, LutOutputService],
    };
  }
}
