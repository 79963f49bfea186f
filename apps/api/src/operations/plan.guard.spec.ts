import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, OPERATION_CATALOG, planAllows } from '@gradekit/contracts';
import { MIN_PLAN } from './operation.decorator';
import { PlanGuard } from './plan.guard';

function contextFor(minPlan: string | undefined, planId: string | null): ExecutionContext {
  const handler = () => undefined;
  if (minPlan) Reflect.defineMetadata(MIN_PLAN, minPlan, handler);
  const req = { principal: planId ? { user: { planId } } : undefined };
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('PlanGuard', () => {
  const guard = new PlanGuard(new Reflector());

  it('lets every plan through routes without a minimum', () => {
    expect(guard.canActivate(contextFor(undefined, 'free'))).toBe(true);
  });

  it('answers PLAN_UPGRADE_REQUIRED below the minimum and passes at or above it', () => {
    let error: unknown;
    try {
      guard.canActivate(contextFor('pro', 'free'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PLAN_UPGRADE_REQUIRED');
    expect((error as DomainError).details[0]).toMatchObject({ current_plan: 'free', required_plan: 'pro' });
    expect(guard.canActivate(contextFor('pro', 'pro'))).toBe(true);
    expect(guard.canActivate(contextFor('pro', 'enterprise'))).toBe(true);
    expect(() => guard.canActivate(contextFor('business', 'pro'))).toThrow(DomainError);
  });

  it('orders the plans free < pro < business < enterprise', () => {
    expect(planAllows('free', 'free')).toBe(true);
    expect(planAllows('pro', 'business')).toBe(false);
    expect(planAllows('enterprise', 'pro')).toBe(true);
  });

  it('prices every catalog operation with a positive credit cost and a known plan', () => {
    for (const op of Object.values(OPERATION_CATALOG)) {
      expect(op.credits).toBeGreaterThanOrEqual(0);
      expect(['free', 'pro', 'business', 'enterprise']).toContain(op.minPlan);
    }
    expect(OPERATION_CATALOG.analyze).toMatchObject({ credits: 1, minPlan: 'free', queue: 'image' });
  });
});
