import 'reflect-metadata';
import { readWorkerConfigFromEnvironment } from './config/worker-config.provider';
import { startWorker, type RunningWorker } from './worker-app';

/**
 * The worker process: validate the environment (a bad variable exits 1 naming it),
 * start the health server and the queue consumers, and on SIGTERM/SIGINT stop taking
 * jobs, let running ones finish within SHUTDOWN_GRACE_MS, close everything, exit 0.
 * A second signal during shutdown exits at once (1).
 */
async function main(): Promise<void> {
  const config = readWorkerConfigFromEnvironment();
  let worker: RunningWorker | null = null;
  let requested: NodeJS.Signals | null = null;
  const shutDown = (running: RunningWorker, signal: NodeJS.Signals) => {
    running.logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutdown requested');
    running.close().then(
      () => {
        running.logger.info({ signal }, 'worker shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        running.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Listening before the start: the queues are consumed before startWorker returns, so a
  // signal in between must drain the job it may have taken, not kill the process outright.
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested) {
      worker?.logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    requested = signal;
    if (worker) shutDown(worker, signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const running = await startWorker(config);
  worker = running;
  running.logger.info({ port: running.port, queues: config.queues, concurrency: config.concurrency, storage: config.storage.driver }, 'worker started');
  if (requested) shutDown(running, requested);
  // A start deferred by an unreachable Postgres/Redis that then finds another deployment's queue prefix.
  void running.fatal.then((error) => {
    running.logger.error({ err: error.message }, 'refusing to run');
    process.stderr.write(`${error.message}\n`);
    void running.close().finally(() => process.exit(1));
  });
}

main().catch((error: unknown) => {
  // Config and registry errors name each bad variable or op; print them plainly.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
