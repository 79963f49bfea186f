/** The four plans, lowest first. "pro+" in the spec means rank >= pro's. */
export const PLAN_IDS = ['free', 'pro', 'business', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export function planRank(plan: PlanId): number {
  return PLAN_IDS.indexOf(plan);
}

/** True when a user on `plan` may use something that needs at least `minPlan`. */
export function planAllows(plan: PlanId, minPlan: PlanId): boolean {
  return planRank(plan) >= planRank(minPlan);
}

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}
