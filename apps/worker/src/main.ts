import 'reflect-metadata';
import { readWorkerConfigFromEnvironment } from './config/worker-config.provider';
import { startWorker } from './worker-app';

/**
 * The worker process: validate the environment (a bad variable exits 1 naming it),
 * start the health server and the queue consumers, and on SIGTERM/SIGINT stop taking
 * jobs, let running ones finish within SHUTDOWN_GRACE_MS, close everything, exit 0.
 * A second signal during shutdown exits at once (1).
 */
async function main(): Promise<void> {
  const config = readWorkerConfigFromEnvironment();
  const worker = await startWorker(config);
  const logger = worker.logger;
  logger.info({ port: worker.port, queues: config.queues, concurrency: config.concurrency, storage: config.storage.driver }, 'worker started');

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutdown requested');
    worker.close().then(
      () => {
        logger.info({ signal }, 'worker shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  // Config and registry errors name each bad variable or op; print them plainly.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
