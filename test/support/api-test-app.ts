import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { loadApiConfig, type ApiConfig } from '@gradekit/config';
import { CreditsRepository, PrismaService, TeamsRepository, UsersRepository } from '@gradekit/db';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { generateApiKey, hashPassword } from '../../apps/api/src/auth/secrets';
import { createTestDatabase, type TestDatabase } from './test-template-db';

export interface ApiTestContext {
  app: NestExpressApplication;
  http: TestAgent;
  config: ApiConfig;
  db: TestDatabase;
  prisma: PrismaService;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real api application over a fresh Postgres database (cloned from the
 * migrated template), the real Redis (under a unique key prefix) and local
 * storage in a temp dir. Nothing is mocked.
 */
export async function startApiTestApp(env: Record<string, string> = {}): Promise<ApiTestContext> {
  const db = await createTestDatabase('api');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-api-'));
  const config = loadApiConfig({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DATA_DIR: dataDir,
    QUEUE_PREFIX: `gkt${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    ...env,
  });
  const app = await createApiApp(config);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    config,
    db,
    prisma: app.get(PrismaService),
    dataDir,
    async close() {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  apiKey: string;
  /** Headers that authenticate as this user with the API key. */
  auth: { 'X-API-Key': string };
}

let userCounter = 0;

/** Inserts a user with an API key directly through the repositories (not through the routes under test). */
export async function createTestUser(
  ctx: ApiTestContext,
  options: { plan?: string; credits?: number; role?: 'admin' | 'user'; username?: string } = {},
): Promise<TestUser> {
  const users = ctx.app.get(UsersRepository);
  const teams = ctx.app.get(TeamsRepository);
  const credits = ctx.app.get(CreditsRepository);
  const username = options.username ?? `user${++userCounter}_${Math.random().toString(36).slice(2, 7)}`;
  const password = 'correct horse battery staple';
  const team = await teams.findDefault();
  const user = await users.create({ username, passwordHash: await hashPassword(password), role: options.role ?? 'user', teamId: team.id, planId: options.plan ?? 'free' });
  if (options.credits) await credits.grant(user.id, options.credits, 'test grant');
  const key = generateApiKey();
  await ctx.prisma.apiKey.create({ data: { userId: user.id, name: 'test', prefix: key.prefix, keyHash: key.hash } });
  return { id: user.id, username, password, apiKey: key.key, auth: { 'X-API-Key': key.key } };
}

/** Uploads image bytes as `auth`'s user through POST /api/v1/storage/upload and returns the storage key. */
export async function uploadTestImage(ctx: ApiTestContext, auth: Record<string, string>, bytes: Buffer): Promise<string> {
  const res = await ctx.http.post('/api/v1/storage/upload').set(auth).send({ data: bytes.toString('base64') });
  if (typeof res.body?.key !== 'string') throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.key;
}
