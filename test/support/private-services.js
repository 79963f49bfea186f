// Private Redis and PostgreSQL servers on loopback ports of their own, for the fault
// tests and the soak (`make load`): they are stopped and started mid-run, which the
// shared servers every other test uses must never be. Redis runs with an append-only
// file (as production must: BullMQ's queues live there), so a restart keeps the queues;
// Postgres is a throwaway cluster (initdb) migrated with `prisma migrate deploy`.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { freePort } = require('./e2e-stack');

const ROOT = path.resolve(__dirname, '..', '..');
const PG_BIN = process.env.PG_BIN || ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((dir) => fs.existsSync(path.join(dir, 'initdb')));

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

/** A redis-server with AOF on a free port; stop() and start() restart it, keeping its data. */
async function startPrivateRedis() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-redis-'));
  let child = null;
  async function start() {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    await waitFor(() => canConnect(port), `redis on ${port}`);
  }
  async function stop() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM'); // redis-server flushes the AOF and exits
    await exited;
    child = null;
  }
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    async close() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Postgres refuses to run as root: as root, its tools run as the `postgres` user. */
function pgCommand(tool, args) {
  const binary = path.join(PG_BIN, tool);
  return process.getuid && process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function pg(tool, args) {
  const [command, argv] = pgCommand(tool, args);
  execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A throwaway Postgres cluster on a free port with the schema migrated; stop() and start() restart it. */
async function startPrivatePostgres() {
  if (!PG_BIN) throw new Error('no PostgreSQL server binaries (initdb) found; set PG_BIN');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pg-'));
  fs.chmodSync(dir, 0o777); // the postgres user writes here when we are root
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  if (process.getuid && process.getuid() === 0) execFileSync('chown', ['postgres', dir]);
  pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
  const start = async () => {
    pg('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', 'start']);
    await waitFor(() => canConnect(port), `postgres on ${port}`);
  };
  const stop = async () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/gradekit`;
  pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'gradekit']);
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    url,
    port,
    start,
    stop,
    // The shape startStack takes as options.db; dropping is removing the cluster (close).
    drop: async () => undefined,
    async close() {
      await stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startPrivateRedis, startPrivatePostgres };
