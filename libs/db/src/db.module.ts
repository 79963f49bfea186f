import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DATABASE_URL, PrismaService } from './prisma.service';
import { ActionsRepository } from './repositories/actions.repository';
import { ApiKeysRepository } from './repositories/api-keys.repository';
import { CreditsRepository } from './repositories/credits.repository';
import { HistoryRepository } from './repositories/history.repository';
import { LedgerAuditRepository } from './repositories/ledger-audit.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { PlansRepository } from './repositories/plans.repository';
import { PreferencesRepository } from './repositories/preferences.repository';
import { ReferencesRepository } from './repositories/references.repository';
import { SessionsRepository } from './repositories/sessions.repository';
import { SettingsRepository } from './repositories/settings.repository';
import { TasksRepository } from './repositories/tasks.repository';
import { TeamsRepository } from './repositories/teams.repository';
import { UsageRepository } from './repositories/usage.repository';
import { UsersRepository } from './repositories/users.repository';
import { WebhooksRepository } from './repositories/webhooks.repository';

const repositories = [
  ActionsRepository,
  ApiKeysRepository,
  CreditsRepository,
  HistoryRepository,
  IdempotencyRepository,
  LedgerAuditRepository,
  PlansRepository,
  PreferencesRepository,
  ReferencesRepository,
  SessionsRepository,
  SettingsRepository,
  TasksRepository,
  TeamsRepository,
  UsageRepository,
  UsersRepository,
  WebhooksRepository,
];

/** Postgres access for an app: the Prisma client and the repositories over it. */
@Global()
@Module({})
export class DbModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DbModule,
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, PrismaService, ...repositories],
      exports: [PrismaService, ...repositories],
    };
  }
}
