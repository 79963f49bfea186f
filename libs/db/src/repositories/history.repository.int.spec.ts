import { randomUUID } from 'node:crypto';
// test/support is the workspace's shared test infrastructure, outside every Nx project.
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-template-db';
import { PrismaService } from '../prisma.service';
import { CreditsRepository } from './credits.repository';
import { HistoryRepository } from './history.repository';
import { TasksRepository } from './tasks.repository';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** The history library's reads and deletes on a real Postgres: owner scoping, filters, paging edges, all-or-nothing batch deletes. */
describe('HistoryRepository', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let history: HistoryRepository;

  beforeAll(async () => {
    db = await createTestDatabase('history');
    prisma = new PrismaService(db.url);
    history = new HistoryRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  async function user(): Promise<string> {
    const team = await new TeamsRepository(prisma).findDefault();
    const created = await new UsersRepository(prisma).create({ username: `h${randomUUID().slice(0, 12)}`, passwordHash: 'x', role: 'user', teamId: team.id, planId: 'free' });
    return created.id;
  }

  /** A completed task with its history entry, created at `createdAt`. */
  async function entry(ownerId: string, op: string, createdAt: Date, keys: { thumbnail?: boolean; lut?: boolean } = {}) {
    const taskId = randomUUID();
    expect((await new CreditsRepository(prisma).createTaskWithCharge(ownerId, { id: taskId, op, queue: 'image', params: {}, inputs: {}, credits: 0 })).ok).toBe(true);
    const output = `u/${ownerId}/results/${taskId}.jpg`;
    const row = await new TasksRepository(prisma).complete({ id: taskId, userId: ownerId }, { key: output, extra_key: `u/${ownerId}/results/${taskId}-1.jpg` }, {
      op,
      params: { n: 1 },
      inputKeys: { image: `u/${ownerId}/inputs/x.jpg` },
      outputKey: output,
      thumbnailKey: keys.thumbnail === false ? null : `u/${ownerId}/thumbnails/${taskId}.jpg`,
      lutKey: keys.lut ? `u/${ownerId}/luts/${taskId}.cube` : null,
    });
    await prisma.historyEntry.update({ where: { id: row!.id }, data: { createdAt } });
    return { id: row!.id, taskId, output };
  }

  const at = (day: number) => new Date(Date.UTC(2026, 11, day, 12));

  it('lists newest first with the total, filters by op and an inclusive date range, and pages to the end', async () => {
    const owner = await user();
    const other = await user();
    const e1 = await entry(owner, 'preset_apply', at(1));
    const e2 = await entry(owner, 'white_balance_apply', at(2));
    const e3 = await entry(owner, 'preset_apply', at(3));
    await entry(other, 'preset_apply', at(4));

    const all = await history.list(owner, { limit: 100, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((item) => item.id)).toEqual([e3.id, e2.id, e1.id]);

    expect((await history.list(owner, { op: 'preset_apply', limit: 20, offset: 0 })).items.map((item) => item.id)).toEqual([e3.id, e1.id]);
    const range = await history.list(owner, { from: at(2), to: at(3), limit: 20, offset: 0 });
    expect(range).toMatchObject({ total: 2 });
    expect(range.items.map((item) => item.id)).toEqual([e3.id, e2.id]);
    expect((await history.list(owner, { op: 'preset_apply', from: at(2), limit: 20, offset: 0 })).items.map((item) => item.id)).toEqual([e3.id]);
    expect(await history.list(owner, { op: 'lut_apply', limit: 20, offset: 0 })).toEqual({ items: [], total: 0 });

    const page = await history.list(owner, { limit: 2, offset: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.id)).toEqual([e1.id]);
    expect(await history.list(owner, { limit: 2, offset: 3 })).toEqual({ items: [], total: 3 });
    expect(await history.list(owner, { limit: 100, offset: 2_147_483_647 })).toEqual({ items: [], total: 3 });
  });

  it('takes at most `limit` entries and the filmstrip only entries with a thumbnail, newest first', async () => {
    const owner = await user();
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) ids.push((await entry(owner, 'preset_apply', at(day), { thumbnail: day !== 4 })).id);
    expect((await history.list(owner, { limit: 4, offset: 0 })).items).toHaveLength(4);
    const strip = await history.filmstrip(owner, 3);
    expect(strip.map((item) => item.id)).toEqual([ids[4], ids[2], ids[1]]);
    expect(strip[0]).toMatchObject({ op: 'preset_apply', createdAt: at(5), thumbnailKey: `u/${owner}/thumbnails/` + strip[0]!.thumbnailKey.split('/').pop() });
    expect(await history.filmstrip(await user(), 20)).toEqual([]);
  });

  it("deletes one entry with its keys and its task's result; another owner's delete finds nothing and changes nothing", async () => {
    const owner = await user();
    const stranger = await user();
    const e = await entry(owner, 'lut_export_match', at(1), { lut: true });

    expect(await history.deleteOne(stranger, e.id)).toBeNull();
    expect(await history.find(owner, e.id)).not.toBeNull();

    const deleted = await history.deleteOne(owner, e.id);
    expect(deleted).toEqual({
      id: e.id,
      taskId: e.taskId,
      outputKey: e.output,
      thumbnailKey: `u/${owner}/thumbnails/${e.taskId}.jpg`,
      lutKey: `u/${owner}/luts/${e.taskId}.cube`,
      taskResult: { key: e.output, extra_key: `u/${owner}/results/${e.taskId}-1.jpg` },
    });
    expect(await history.find(owner, e.id)).toBeNull();
    expect(await prisma.task.count({ where: { id: e.taskId } })).toBe(1); // the task stays
    expect(await history.deleteOne(owner, e.id)).toBeNull();
  });

  it('batch-deletes all or nothing: one unknown or foreign id deletes none and is reported', async () => {
    const owner = await user();
    const stranger = await user();
    const a = await entry(owner, 'preset_apply', at(1));
    const b = await entry(owner, 'preset_apply', at(2));
    const foreign = await entry(stranger, 'preset_apply', at(3));
    const unknown = randomUUID();

    expect(await history.deleteMany(owner, [a.id, foreign.id, unknown, b.id])).toEqual({ ok: false, notFound: [foreign.id, unknown] });
    expect((await history.list(owner, { limit: 20, offset: 0 })).total).toBe(2);
    expect(await history.find(stranger, foreign.id)).not.toBeNull();

    const done = await history.deleteMany(owner, [a.id.toUpperCase(), b.id, a.id]);
    expect(done.ok).toBe(true);
    expect(done.ok && done.deleted.map((row) => row.id).sort()).toEqual([a.id, b.id].sort());
    expect((await history.list(owner, { limit: 20, offset: 0 })).total).toBe(0);
    expect(await history.find(stranger, foreign.id)).not.toBeNull();
  });

  it('deletes all of one owner’s entries and none of another’s; two concurrent deletes report each row once', async () => {
    const owner = await user();
    const other = await user();
    const mine = [await entry(owner, 'preset_apply', at(1)), await entry(owner, 'white_balance_apply', at(2))];
    const theirs = await entry(other, 'preset_apply', at(3));

    const [first, second] = await Promise.all([history.deleteAll(owner), history.deleteAll(owner)]);
    expect([...first!, ...second!].map((row) => row.id).sort()).toEqual(mine.map((e) => e.id).sort());
    expect(await history.deleteAll(owner)).toEqual([]);
    expect(await history.find(other, theirs.id)).not.toBeNull();
  });
});
