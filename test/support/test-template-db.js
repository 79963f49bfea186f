// Prepares the migrated template database that integration and end-to-end tests
// clone (CREATE DATABASE … TEMPLATE is a fast file copy), so each test file gets a
// fresh, fully migrated database without running migrations again. The template is
// rebuilt with the real `prisma migrate deploy` whenever the migrations change.
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = 'gradekit_test_template';

function adminUrl() {
  return process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
}

function databaseUrl(name) {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

function migrationsHash() {
  const dir = path.join(ROOT, 'prisma', 'migrations');
  const hash = createHash('sha256');
  for (const entry of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, entry, 'migration.sql');
    if (fs.existsSync(file)) hash.update(entry).update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

async function withAdmin(run) {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplateDatabase() {
  const wanted = `migrations:${migrationsHash()}`;
  const current = await withAdmin(async (client) => {
    const { rows } = await client.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [TEMPLATE],
    );
    return rows[0] ? rows[0].comment : undefined;
  });
  if (current === wanted) return;
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
  });
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await withAdmin((client) => client.query(`COMMENT ON DATABASE ${TEMPLATE} IS '${wanted}'`));
}

/** A fresh database cloned from the template; `drop()` removes it. */
async function createTestDatabase(label = 't') {
  const name = `gk_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** Removes databases left behind by test runs that were killed. */
async function dropStaleTestDatabases(olderThanMs = 6 * 3600 * 1000) {
  await withAdmin(async (client) => {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'gk\\_%'`);
    for (const { datname } of rows) {
      const stamp = parseInt(datname.split('_').slice(-2, -1)[0], 36);
      if (Number.isFinite(stamp) && Date.now() - stamp > olderThanMs) {
        await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
  });
}

module.exports = { ensureTemplateDatabase, createTestDatabase, dropStaleTestDatabases, adminUrl };
