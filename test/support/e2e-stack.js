// Spawns the real api and worker processes (the built dist/, exactly as `make up`
// runs them) over a fresh database cloned from the migrated template, the real
// Redis under a unique prefix and local storage in a temp dir.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { createTestDatabase, ensureTemplateDatabase } = require('./test-template-db');

const ROOT = path.resolve(__dirname, '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, log, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ready:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
}

function spawnNode(entry, env, log) {
  const out = fs.openSync(log, 'a');
  return spawn(process.execPath, ['-r', path.join(ROOT, 'tools', 'register-dist-paths.js'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', out, out],
  });
}

/**
 * Starts a stack; `workers` worker processes (default 1). Returns URLs, the
 * environment the processes run with, and stop()/spawnWorker() helpers.
 */
async function startStack(options = {}) {
  // options.db: a database of the caller's (e.g. on a private Postgres it restarts); else a fresh clone of the template.
  let db = options.db;
  if (!db) {
    await ensureTemplateDatabase();
    db = await createTestDatabase('e2e');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-e2e-'));
  const apiPort = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    QUEUE_PREFIX: `gke${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    WORKER_HOST: '127.0.0.1',
    // Built-in models joined from their npm packages once for every stack, not once per temporary DATA_DIR.
    MODEL_CACHE_DIR: path.resolve(__dirname, '..', '..', 'data', 'model-cache'),
    ...(options.env || {}),
  };
  const processes = [];
  const api = spawnNode('dist/out/apps/api/src/main.js', env, path.join(dataDir, 'api.log'));
  processes.push(api);
  const workers = [];

  async function spawnWorker(extraEnv = {}) {
    const port = await freePort();
    const log = path.join(dataDir, `worker-${workers.length + 1}.log`);
    const child = spawnNode('dist/out/apps/worker/src/main.js', { ...env, WORKER_PORT: String(port), ...extraEnv }, log);
    processes.push(child);
    const worker = { child, port, url: `http://127.0.0.1:${port}`, log };
    workers.push(worker);
    await waitReady(`${worker.url}/readyz`, child, log);
    return worker;
  }

  await waitReady(`http://127.0.0.1:${apiPort}/readyz`, api, path.join(dataDir, 'api.log'));
  for (let i = 0; i < (options.workers ?? 1); i++) await spawnWorker();

  async function stop() {
    await Promise.all(
      processes.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await db.drop();
    if (!process.env.GK_KEEP_E2E_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  return { apiUrl: `http://127.0.0.1:${apiPort}`, api, workers, env, db, dataDir, spawnWorker, stop };
}

module.exports = { startStack, freePort };
