import type { Provider } from '@nestjs/common';
import type { WorkerConfig } from '@gradekit/config';
import { createStorageDriver } from '@gradekit/storage';
import { WORKER_CONFIG } from '../config/worker-config.provider';

export const STORAGE = Symbol('STORAGE');

/** The configured object storage driver: where inputs are read and outputs written. */
export const storageProvider: Provider = {
  provide: STORAGE,
  inject: [WORKER_CONFIG],
  useFactory: (config: WorkerConfig) => createStorageDriver(config.storage),
};
