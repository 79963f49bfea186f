import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRedisConnection, deploymentMarkerKey } from '@gradekit/queue';
import { loadApiConfig } from '@gradekit/config';
import { startApiTestApp } from '../../../../test/support/api-test-app';
import { TEST_REDIS_URL } from '../../../../test/support/test-env';
import { createTestDatabase } from '../../../../test/support/test-template-db';
import { createApiApp } from '../bootstrap';
import { TaskQueues } from './task-queues.service';

describe('TaskQueues: the queue prefix belongs to one database', () => {
  const redis = createRedisConnection(TEST_REDIS_URL, 'test-marker');
  afterAll(() => redis.quit());

  it('claims a fresh prefix for its database at start, and refuses a prefix another database claimed', async () => {
    const ctx = await startApiTestApp();
    try {
      const id = await ctx.prisma.setting.findUniqueOrThrow({ where: { key: 'deployment_id' } });
      expect(await redis.get(deploymentMarkerKey(ctx.config.queuePrefix))).toBe(id.value);
    } finally {
      await ctx.close();
    }

    const QUEUE_PREFIX = `gktown${Date.now().toString(36)}`;
    await redis.set(deploymentMarkerKey(QUEUE_PREFIX), randomUUID());
    const db = await createTestDatabase('apiown');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-api-'));
    const app = await createApiApp(loadApiConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX, LOG_LEVEL: 'silent', DATA_DIR: dataDir }));
    try {
      await expect(app.init()).rejects.toThrow(new RegExp(`QUEUE_PREFIX "${QUEUE_PREFIX}" is already used by another deployment`));
    } finally {
      await app.close().catch(() => undefined);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('checks again before an enqueue when the start could not (a conflict then fails the enqueue)', async () => {
    const ctx = await startApiTestApp();
    try {
      const queues = ctx.app.get(TaskQueues);
      // As if the start's check had not got through and another deployment claimed the prefix since.
      (queues as unknown as { claimed: Promise<void> | null }).claimed = null;
      await redis.set(deploymentMarkerKey(ctx.config.queuePrefix), randomUUID());
      await expect(queues.enqueue('analyze', randomUUID())).rejects.toThrow(/already used by another deployment/);
    } finally {
      await ctx.close();
    }
  });
});
