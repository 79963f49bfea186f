import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { PreferencesRepository } from './preferences.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** Owner-scoped preferences on a real Postgres: merge, reset, isolation, concurrency, cascade. */
describe('PreferencesRepository', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let preferences: PreferencesRepository;

  beforeAll(async () => {
    db = await createTestDatabase('preferences');
    prisma = new PrismaService(db.url);
    preferences = new PreferencesRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  async function newUser(): Promise<string> {
    const team = await new TeamsRepository(prisma).findDefault();
    const user = await new UsersRepository(prisma).create({ username: `p${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'free' });
    return user.id;
  }

  it('has nothing for a user who never set anything', async () => {
    expect(await preferences.find(await newUser())).toBeNull();
  });

  it('creates, merges and resets keys, keeping the others', async () => {
    const userId = await newUser();
    const first = await preferences.merge(userId, { theme: 'dark', lut_size: 65 }, [], new Date('2026-01-01T00:00:00Z'));
    expect(first).toEqual({ values: { theme: 'dark', lut_size: 65 }, updatedAt: new Date('2026-01-01T00:00:00Z') });

    const second = await preferences.merge(userId, { default_method: 'smooth' }, ['theme'], new Date('2026-01-02T00:00:00Z'));
    expect(second).toEqual({ values: { lut_size: 65, default_method: 'smooth' }, updatedAt: new Date('2026-01-02T00:00:00Z') });
    expect(await preferences.find(userId)).toEqual(second);
    // Resetting a key on a first write stores nothing for it.
    const other = await newUser();
    expect((await preferences.merge(other, {}, ['theme'])).values).toEqual({});
  });

  it('never shows or changes another user’s values', async () => {
    const mine = await newUser();
    const theirs = await newUser();
    await preferences.merge(mine, { theme: 'light' }, []);
    await preferences.merge(theirs, { theme: 'dark', jpeg_quality: 50 }, []);
    await preferences.merge(theirs, {}, ['theme']);
    expect((await preferences.find(mine))?.values).toEqual({ theme: 'light' });
    expect((await preferences.find(theirs))?.values).toEqual({ jpeg_quality: 50 });
  });

  it('keeps both of two concurrent PATCHes of different keys', async () => {
    const userId = await newUser();
    await Promise.all([preferences.merge(userId, { theme: 'dark' }, []), preferences.merge(userId, { lut_size: 17 }, []), preferences.merge(userId, { jpeg_quality: 80 }, [])]);
    expect((await preferences.find(userId))?.values).toEqual({ theme: 'dark', lut_size: 17, jpeg_quality: 80 });
  });

  it('is deleted with its user', async () => {
    const userId = await newUser();
    await preferences.merge(userId, { theme: 'dark' }, []);
    await prisma.user.delete({ where: { id: userId } });
    expect(await prisma.userPreferences.count({ where: { userId } })).toBe(0);
  });
});
