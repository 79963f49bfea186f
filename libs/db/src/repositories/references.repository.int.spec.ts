import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { ReferencesRepository } from './references.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** The library's references and categories on a real Postgres: owner scoping, paging, dense positions under concurrent reorders, SET NULL and cascade. */
describe('ReferencesRepository', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let refs: ReferencesRepository;

  beforeAll(async () => {
    db = await createTestDatabase('references');
    prisma = new PrismaService(db.url);
    refs = new ReferencesRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  async function user(): Promise<string> {
    const team = await new TeamsRepository(prisma).findDefault();
    const created = await new UsersRepository(prisma).create({ username: `r${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'free' });
    return created.id;
  }

  async function names(ownerId: string): Promise<string[]> {
    return (await refs.list(ownerId, { limit: 100, offset: 0 })).items.map((r) => `${r.position}:${r.name}`);
  }

  it('appends at the end, lists by position with category and case-insensitive name filters, and pages to the end', async () => {
    const owner = await user();
    const other = await user();
    const night = await refs.createCategory(owner, 'Night');
    const a = await refs.create(owner, { name: 'Blade Runner', imageKey: `u/${owner}/inputs/a.jpg`, categoryId: night.id });
    await refs.create(owner, { name: 'Amelie', imageKey: `u/${owner}/inputs/b.jpg`, categoryId: null });
    const c = await refs.create(owner, { name: 'blade of grass', imageKey: `u/${owner}/inputs/c.jpg`, categoryId: night.id });
    await refs.create(other, { name: 'Blade', imageKey: `u/${other}/inputs/x.jpg`, categoryId: null });

    expect(a).toMatchObject({ position: 0, status: 'processing', thumbnailKey: null, profile: null });
    expect(await names(owner)).toEqual(['0:Blade Runner', '1:Amelie', '2:blade of grass']);
    expect((await refs.list(owner, { categoryId: night.id, limit: 100, offset: 0 })).items.map((r) => r.id)).toEqual([a.id, c.id]);
    expect((await refs.list(owner, { categoryId: null, limit: 100, offset: 0 })).items.map((r) => r.name)).toEqual(['Amelie']);
    expect((await refs.list(owner, { q: 'BLADE', limit: 100, offset: 0 })).items.map((r) => r.id)).toEqual([a.id, c.id]);
    expect(await refs.list(owner, { limit: 2, offset: 2 })).toEqual({ items: [expect.objectContaining({ id: c.id })], total: 3 });
    expect(await refs.list(owner, { limit: 2, offset: 3 })).toEqual({ items: [], total: 3 });
  });

  it("never reads, settles, deletes or reorders another owner's rows", async () => {
    const owner = await user();
    const intruder = await user();
    const ref = await refs.create(owner, { name: 'Mine', imageKey: 'k', categoryId: null });
    const cat = await refs.createCategory(owner, 'Mine');

    expect(await refs.find(intruder, ref.id)).toBeNull();
    expect(await refs.findCategory(intruder, cat.id)).toBeNull();
    expect(await refs.settle(intruder, ref.id, { thumbnailKey: 't', profile: {} })).toBe(false);
    expect(await refs.deleteOne(intruder, ref.id)).toBeNull();
    expect(await refs.deleteCategory(intruder, cat.id)).toBe(false);
    expect(await refs.reorder(intruder, [{ id: ref.id, position: 0 }])).toEqual({ ok: false, notFound: [ref.id] });
    expect(await refs.reorderCategories(intruder, [{ id: cat.id, position: 0 }])).toEqual({ ok: false, notFound: [cat.id] });
    expect(await refs.find(owner, ref.id)).toMatchObject({ status: 'processing', thumbnailKey: null });
    expect(await refs.findCategory(owner, cat.id)).not.toBeNull();
  });

  it('settles a reference as ready with its thumbnail and profile, or as failed', async () => {
    const owner = await user();
    const ok = await refs.create(owner, { name: 'ok', imageKey: 'k1', categoryId: null });
    const bad = await refs.create(owner, { name: 'bad', imageKey: 'k2', categoryId: null });
    expect(await refs.settle(owner, ok.id, { thumbnailKey: `u/${owner}/thumbnails/t.jpg`, profile: { exposure: 0.5 } })).toBe(true);
    expect(await refs.settle(owner, bad.id, null)).toBe(true);
    expect(await refs.find(owner, ok.id)).toMatchObject({ status: 'ready', thumbnailKey: `u/${owner}/thumbnails/t.jpg`, profile: { exposure: 0.5 } });
    expect(await refs.find(owner, bad.id)).toMatchObject({ status: 'failed', thumbnailKey: null, profile: null });
  });

  it('moves rows to their positions, keeps the rest in order, refuses an unknown id whole, and closes gaps on delete', async () => {
    const owner = await user();
    const rows = [];
    for (const name of ['a', 'b', 'c', 'd']) rows.push(await refs.create(owner, { name, imageKey: name, categoryId: null }));
    expect(await refs.reorder(owner, [{ id: rows[3]!.id, position: 0 }, { id: rows[0]!.id, position: 99 }])).toEqual({ ok: true });
    expect(await names(owner)).toEqual(['0:d', '1:b', '2:c', '3:a']);

    const unknown = randomUUID();
    expect(await refs.reorder(owner, [{ id: rows[1]!.id, position: 3 }, { id: unknown, position: 0 }])).toEqual({ ok: false, notFound: [unknown] });
    expect(await names(owner)).toEqual(['0:d', '1:b', '2:c', '3:a']);

    expect(await refs.deleteOne(owner, rows[1]!.id)).toMatchObject({ id: rows[1]!.id, name: 'b' });
    expect(await names(owner)).toEqual(['0:d', '1:c', '2:a']);
    expect((await refs.create(owner, { name: 'e', imageKey: 'e', categoryId: null })).position).toBe(3);
  });

  it('keeps positions dense 0..n-1 when reorders, creates and deletes run concurrently', async () => {
    const owner = await user();
    const rows = [];
    for (let i = 0; i < 8; i += 1) rows.push(await refs.create(owner, { name: `r${i}`, imageKey: `k${i}`, categoryId: null }));
    const ids = rows.map((r) => r.id);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => refs.reorder(owner, [{ id: ids[i % 8]!, position: (i * 3) % 8 }, { id: ids[(i + 5) % 8]!, position: i % 2 }])),
      refs.create(owner, { name: 'late', imageKey: 'late', categoryId: null }),
      refs.deleteOne(owner, ids[7]!),
    ]);
    const positions = (await refs.list(owner, { limit: 100, offset: 0 })).items.map((r) => r.position);
    expect(positions).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves the references of a deleted category uncategorised and renumbers the categories; deleting the user removes everything', async () => {
    const owner = await user();
    const first = await refs.createCategory(owner, 'first');
    const second = await refs.createCategory(owner, 'second');
    const third = await refs.createCategory(owner, 'third');
    const ref = await refs.create(owner, { name: 'in second', imageKey: 'k', categoryId: second.id });

    expect(await refs.reorderCategories(owner, [{ id: third.id, position: 0 }])).toEqual({ ok: true });
    expect((await refs.listCategories(owner)).map((c) => `${c.position}:${c.name}`)).toEqual(['0:third', '1:first', '2:second']);
    expect(await refs.deleteCategory(owner, first.id)).toBe(true);
    expect((await refs.listCategories(owner)).map((c) => `${c.position}:${c.name}`)).toEqual(['0:third', '1:second']);
    expect(await refs.deleteCategory(owner, second.id)).toBe(true);
    expect(await refs.find(owner, ref.id)).toMatchObject({ id: ref.id, categoryId: null });

    await prisma.user.delete({ where: { id: owner } });
    expect(await prisma.reference.count({ where: { userId: owner } })).toBe(0);
    expect(await prisma.referenceCategory.count({ where: { userId: owner } })).toBe(0);
  });
});
