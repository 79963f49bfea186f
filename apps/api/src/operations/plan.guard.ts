import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, isPlanId, planAllows, type PlanId } from '@gradekit/contracts';
import type { GradekitRequest } from '../common/request-context';
import { MIN_PLAN } from './operation.decorator';

/** Third global guard: routes that need a higher plan answer 403 PLAN_UPGRADE_REQUIRED. */
@Injectable()
export class PlanGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const minPlan = this.reflector.getAllAndOverride<PlanId | undefined>(MIN_PLAN, [context.getHandler(), context.getClass()]);
    const principal = context.switchToHttp().getRequest<GradekitRequest>().principal;
    if (!minPlan || !principal) return true;
    const plan = principal.user.planId;
    if (isPlanId(plan) && planAllows(plan, minPlan)) return true;
    throw new DomainError('PLAN_UPGRADE_REQUIRED', `This endpoint needs the ${minPlan} plan or higher (you are on ${plan})`, [
      { message: 'Upgrade your plan', current_plan: plan, required_plan: minPlan },
    ]);
  }
}
