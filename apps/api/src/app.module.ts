import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { ApiConfig } from '@gradekit/config';
import { DbModule } from '@gradekit/db';
import { AccountModule } from './account/account.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { ErrorResponseFilter } from './common/error-response.filter';
import { JsonBodyMiddleware } from './common/json-body.middleware';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { CoreModule } from './core.module';
import { API_FEATURES } from './features';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { OperationsModule } from './operations/operations.module';
import { PlanGuard } from './operations/plan.guard';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { StorageModule } from './storage/storage.module';
import { TasksModule } from './tasks/tasks.module';

/**
 * The control plane. Every request passes, in order: request id → metrics/log →
 * JSON body → AuthGuard (401/403) → RateLimitGuard (429) → PlanGuard (403) →
 * validation pipe (400) → controller; errors leave through ErrorResponseFilter.
 */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config), DbModule.forRoot(config.databaseUrl), AuthModule, RateLimitModule, HealthModule, OperationsModule, ...API_FEATURES, TasksModule, AccountModule, StorageModule, HousekeepingModule],
      providers: [
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        // Guards run in this order.
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useClass: PlanGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, HttpMetricsMiddleware, JsonBodyMiddleware).forRoutes('*path');
  }
}
