import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { OPERATION_CATALOG, type OperationName } from '@gradekit/contracts';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const MIN_PLAN = 'gradekit:min-plan';
export const OPERATION = 'gradekit:operation';

/**
 * Marks a route as running a catalog operation: its plan gate comes from the
 * catalog, and the docs say what it costs and that sandbox mode and
 * Idempotency-Key are honoured.
 */
export function Operation(name: OperationName) {
  const op = OPERATION_CATALOG[name];
  return applyDecorators(
    SetMetadata(OPERATION, name),
    UseInterceptors(IdempotencyInterceptor),
    SetMetadata(MIN_PLAN, op.minPlan),
    ApiHeader({ name: 'X-Sandbox', required: false, description: '`true`: validate, check auth and plan, charge nothing, return a static demo result within 50 ms.' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key within 24 h return the first response and charge nothing more.' }),
    ...(op.credits > 0 ? [ApiResponse({ status: 402, description: 'INSUFFICIENT_CREDITS: this call costs ' + op.credits + ' credit(s)' })] : []),
    ...(op.minPlan !== 'free' ? [ApiResponse({ status: 403, description: `PLAN_UPGRADE_REQUIRED: needs the ${op.minPlan} plan or higher` })] : []),
  );
}
