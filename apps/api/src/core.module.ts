import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { API_CONFIG } from './config/api-config.provider';
import { APP_LOGGER, loggerProvider } from './common/logger.provider';
import { ApiMetrics } from './metrics/api-metrics.service';
import { REDIS, RedisCloser, redisProvider } from './queue/redis.provider';
import { TaskQueues } from './queue/task-queues.service';
import { STORAGE, storageProvider } from './storage/storage.provider';

/** Process-wide singletons every feature module may inject: config, logger, Redis, queues, storage, metrics. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: API_CONFIG, useValue: config }, loggerProvider, redisProvider, RedisCloser, storageProvider, ApiMetrics, TaskQueues],
      exports: [API_CONFIG, APP_LOGGER, REDIS, STORAGE, ApiMetrics, TaskQueues],
    };
  }
}
