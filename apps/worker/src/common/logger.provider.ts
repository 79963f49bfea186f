import type { Provider } from '@nestjs/common';
import type { WorkerConfig } from '@gradekit/config';
import { createJsonLogger } from '@gradekit/observability';
import { WORKER_CONFIG } from '../config/worker-config.provider';

export const WORKER_LOGGER = Symbol('WORKER_LOGGER');

/** The worker's structured JSON logger (pino), one line per event. */
export const loggerProvider: Provider = {
  provide: WORKER_LOGGER,
  inject: [WORKER_CONFIG],
  useFactory: (config: WorkerConfig) => createJsonLogger('worker', config.logLevel),
};
