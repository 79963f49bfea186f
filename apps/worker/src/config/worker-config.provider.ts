import { loadWorkerConfig, type WorkerConfig } from '@gradekit/config';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/**
 * The worker's typed configuration, read from the environment once at start. This
 * is the only place in the worker that looks at `process.env`; a bad variable
 * throws a ConfigError naming it (main.ts prints it and exits 1).
 */
export function readWorkerConfigFromEnvironment(): WorkerConfig {
  return loadWorkerConfig(process.env);
}
