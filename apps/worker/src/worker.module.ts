import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { WorkerConfig } from '@gradekit/config';
import { WORKER_FEATURES } from './features';
import { HealthServer } from './health/health.server';
import { HANDLER_OVERRIDES, HandlerRegistry, type HandlerOverrides } from './operations/handler.registry';
import { BULLMQ_TUNING, QueueWorkers, type BullmqTuning } from './processing/queue-workers.service';
import { StuckTasksReconciler } from './processing/stuck-tasks.reconciler';
import { TaskJobProcessor } from './processing/task-job.processor';
import { WorkerCoreModule } from './worker-core.module';

export interface WorkerModuleOptions {
  /**
   * Replaces the handler list (tests): gets the discovered handlers, returns the ones
   * to register. The registry still checks the result against the catalog.
   */
  handlers?: HandlerOverrides;
  /** BullMQ lock and stall settings (tests shorten them to exercise job release). */
  bullmq?: BullmqTuning;
}

/**
 * The worker: a Nest application context (no HTTP framework) holding the shared
 * infrastructure (WorkerCoreModule), the feature modules with their handlers, the
 * handler registry that discovers them, the job processor, the BullMQ workers and
 * the health server.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, options: WorkerModuleOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [WorkerCoreModule.forRoot(config), DiscoveryModule, ...WORKER_FEATURES],
      providers: [
        { provide: BULLMQ_TUNING, useValue: options.bullmq ?? null },
        { provide: HANDLER_OVERRIDES, useValue: options.handlers ?? null },
        HandlerRegistry,
        TaskJobProcessor,
        QueueWorkers,
        StuckTasksReconciler,
        HealthServer,
      ],
    };
  }
}
