// Makes sure the Postgres server of DATABASE_URL answers and its database exists.
// Exit 0: ready; exit 3: no server answers (the Makefile then installs or starts one).
const { Client } = require('pg');

const url = new URL(process.env.DATABASE_URL || 'postgresql://postgres:postgres@127.0.0.1:5432/gradekit');
const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'gradekit';
const admin = new URL(url);
admin.pathname = '/postgres';

async function main() {
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    process.stderr.write(`Postgres at ${url.host} is not reachable: ${error.message}\n`);
    process.exit(3);
  }
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rows.length === 0) {
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    process.stdout.write(`created database ${database}\n`);
  }
  await client.end();
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
