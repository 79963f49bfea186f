import { ApiKeysRepository, CreditsRepository, PlansRepository, PrismaService, SessionsRepository, TeamsRepository, UsersRepository } from '@gradekit/db';
import { UserProvisioner } from '../../apps/api/src/users/user-provisioner.service';

/** The repositories the admin tools work through, over their own Prisma client (no Nest application). */
export interface AdminContext {
  prisma: PrismaService;
  users: UsersRepository;
  teams: TeamsRepository;
  plans: PlansRepository;
  credits: CreditsRepository;
  apiKeys: ApiKeysRepository;
  sessions: SessionsRepository;
  provisioner: UserProvisioner;
  close(): Promise<void>;
}

export function openAdminContext(databaseUrl: string): AdminContext {
  const prisma = new PrismaService(databaseUrl);
  const users = new UsersRepository(prisma);
  const teams = new TeamsRepository(prisma);
  const plans = new PlansRepository(prisma);
  const credits = new CreditsRepository(prisma);
  return {
    prisma,
    users,
    teams,
    plans,
    credits,
    apiKeys: new ApiKeysRepository(prisma),
    sessions: new SessionsRepository(prisma),
    // The same account rules and initial grant as POST /api/auth/register.
    provisioner: new UserProvisioner(users, teams, plans, credits),
    close: () => prisma.$disconnect(),
  };
}
