import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiConfig } from '@gradekit/config';
import { PageQueryDto, type Page } from '@gradekit/contracts';
import { UsageRepository } from '@gradekit/db';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../common/request-context';
import { API_CONFIG } from '../config/api-config.provider';

export interface UsageItem {
  id: string;
  op: string;
  method: string;
  path: string;
  status: number;
  credits: number;
  sandbox: boolean;
  task_id: string | null;
  duration_ms: number;
  created_at: string;
}

@ApiTags('Account')
@Controller('api/v1/account')
export class AccountController {
  constructor(
    private readonly usage: UsageRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Account information: user, plan, credit balance and limits' })
  account(@CurrentPrincipal() principal: Principal) {
    const { user } = principal;
    return {
      user: { id: user.id, username: user.username, email: user.email, role: user.role, team: { id: user.team.id, name: user.team.name }, created_at: user.createdAt.toISOString() },
      plan: { id: user.plan.id, name: user.plan.name, monthly_credits: user.plan.monthlyCredits },
      // The user row was read while authenticating this very request.
      credits: { balance: user.creditBalance },
      limits: {
        requests_per_minute: user.plan.requestsPerMinute,
        requests_per_month: user.plan.requestsPerMonth,
        max_input_bytes: this.config.limits.maxInputBytes,
        max_input_pixels: this.config.limits.maxInputPixels,
      },
      authenticated_via: principal.via,
    };
  }

  @Get('usage')
  @ApiOperation({ summary: 'API usage history, newest first: operation, credits charged, status, sandbox flag, time' })
  async usageLog(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto): Promise<Page<UsageItem>> {
    const { items, total } = await this.usage.list(principal.user.id, page.limit, page.offset);
    return {
      items: items.map((row) => ({
        id: row.id,
        op: row.op,
        method: row.method,
        path: row.path,
        status: row.status,
        credits: row.credits,
        sandbox: row.sandbox,
        task_id: row.taskId,
        duration_ms: row.durationMs,
        created_at: row.createdAt.toISOString(),
      })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
