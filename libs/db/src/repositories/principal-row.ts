import { Prisma, type Plan, type Role, type Team, type User } from '@prisma/client';

export type UserWithPlanAndTeam = User & { plan: Plan; team: Team };

/**
 * Authentication runs on every request, so it is one hand-written join instead of
 * Prisma's relation loading (which issues a query per relation and costs several
 * milliseconds of CPU per call in the query interpreter).
 */
export const PRINCIPAL_COLUMNS = Prisma.sql`
  u."id" AS u_id, u."username" AS u_username, u."email" AS u_email, u."password_hash" AS u_password_hash,
  u."role"::text AS u_role, u."team_id" AS u_team_id, u."plan_id" AS u_plan_id, u."credit_balance" AS u_credit_balance,
  u."created_at" AS u_created_at, u."updated_at" AS u_updated_at,
  p."id" AS p_id, p."name" AS p_name, p."rank" AS p_rank, p."monthly_credits" AS p_monthly_credits,
  p."requests_per_minute" AS p_requests_per_minute, p."requests_per_month" AS p_requests_per_month,
  p."created_at" AS p_created_at, p."updated_at" AS p_updated_at,
  t."id" AS t_id, t."name" AS t_name, t."is_default" AS t_is_default, t."created_at" AS t_created_at, t."updated_at" AS t_updated_at`;

export const PRINCIPAL_JOINS = Prisma.sql`
  JOIN "users" u ON u."id" = c."user_id"
  JOIN "plans" p ON p."id" = u."plan_id"
  JOIN "teams" t ON t."id" = u."team_id"`;

export interface PrincipalRow {
  u_id: string;
  u_username: string;
  u_email: string | null;
  u_password_hash: string;
  u_role: string;
  u_team_id: string;
  u_plan_id: string;
  u_credit_balance: number;
  u_created_at: Date;
  u_updated_at: Date;
  p_id: string;
  p_name: string;
  p_rank: number;
  p_monthly_credits: number;
  p_requests_per_minute: number;
  p_requests_per_month: number;
  p_created_at: Date;
  p_updated_at: Date;
  t_id: string;
  t_name: string;
  t_is_default: boolean;
  t_created_at: Date;
  t_updated_at: Date;
}

export function userFromPrincipalRow(row: PrincipalRow): UserWithPlanAndTeam {
  return {
    id: row.u_id,
    username: row.u_username,
    email: row.u_email,
    passwordHash: row.u_password_hash,
    role: row.u_role as Role,
    teamId: row.u_team_id,
    planId: row.u_plan_id,
    creditBalance: Number(row.u_credit_balance),
    createdAt: new Date(row.u_created_at),
    updatedAt: new Date(row.u_updated_at),
    plan: {
      id: row.p_id,
      name: row.p_name,
      rank: Number(row.p_rank),
      monthlyCredits: Number(row.p_monthly_credits),
      requestsPerMinute: Number(row.p_requests_per_minute),
      requestsPerMonth: Number(row.p_requests_per_month),
      createdAt: new Date(row.p_created_at),
      updatedAt: new Date(row.p_updated_at),
    },
    team: { id: row.t_id, name: row.t_name, isDefault: row.t_is_default, createdAt: new Date(row.t_created_at), updatedAt: new Date(row.t_updated_at) },
  };
}
