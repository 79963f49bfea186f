import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { ApiConfig } from '@gradekit/config';
import { DbModule } from '@gradekit/db';
import { AccountModule } from './account/account.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { ErrorResponseFilter } from './common/error-response.filter';
import { JsonBodyInterceptor } from './common/json-body.interceptor';
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
 * The control plane. Every request passes, in order: security headers (bootstrap) →
 * request id → metrics/log → AuthGuard (401/403) → RateLimitGuard (429) → PlanGuard
 * (403) → JSON body (read only now: credentials come from headers) → validation pipe
 * (400) → controller; errors leave through ErrorResponseFilter.
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
        // The first interceptor, so every route interceptor (idempotency) sees the parsed body.
        { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
