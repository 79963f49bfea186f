import 'reflect-metadata';
import { createJsonLogger } from '@gradekit/observability';
import { createApiApp } from './bootstrap';
import { readApiConfigFromEnvironment } from './config/api-config.provider';

async function main(): Promise<void> {
  const config = readApiConfigFromEnvironment();
  const logger = createJsonLogger('api', config.logLevel);
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  logger.info({ url: `http://${config.host}:${config.port}`, publicUrl: config.publicUrl, storage: config.storage.driver }, 'api listening');
}

main().catch((error: unknown) => {
  // Config errors name each bad variable; print them plainly and exit non-zero.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
