// Prisma CLI configuration: the JavaScript schema engine over the pg driver
// adapter, so `migrate` works without the native schema-engine binary (which
// would be downloaded from outside npm). See FACTS.md for the three snags handled here.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * The adapter cannot deserialize the catalog types `name` and `"char"` that the
 * schema engine's introspection queries return (prisma/orm#27403): report them as text.
 */
class CatalogTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      // pg.Pool calls client.query(config, values, callback).
      args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => last(err, relabelCatalogColumns(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    return typeof result?.then === 'function' ? result.then(relabelCatalogColumns) : result;
  }
}

function relabelCatalogColumns(res: pg.QueryResult): pg.QueryResult {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return res;
}

function connectionParts(url: string): pg.PoolConfig {
  // Passed as parts, not as a connectionString: with a connectionString the
  // adapter's shadow database would silently be the main database (P3006).
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || ''),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    Client: CatalogTextClient,
  };
}

/**
 * The stock shadow-database release drops the database while its own pool still
 * holds a connection ("being accessed by other users"). Close the pool first, then
 * drop with FORCE.
 */
class GradekitPrismaPg extends PrismaPg {
  constructor(private readonly parts: pg.PoolConfig) {
    super(parts);
  }

  override async connectToShadowDb() {
    const shadow = await super.connectToShadowDb();
    const pool = shadow.underlyingDriver();
    const database = (pool as unknown as { options: { database: string } }).options.database;
    shadow.dispose = async () => {
      await pool.end();
      const admin = new pg.Client({ ...this.parts, Client: undefined } as pg.ClientConfig);
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set (e.g. postgresql://postgres:postgres@127.0.0.1:5432/gradekit)');
    return new GradekitPrismaPg(connectionParts(url));
  },
});
