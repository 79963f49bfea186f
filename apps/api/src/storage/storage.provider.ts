import type { Provider } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { createStorageDriver } from '@gradekit/storage';
import { API_CONFIG } from '../config/api-config.provider';

export const STORAGE = Symbol('STORAGE');

/** The configured object storage driver (local disk by default, or S3/MinIO/R2). */
export const storageProvider: Provider = {
  provide: STORAGE,
  inject: [API_CONFIG],
  useFactory: (config: ApiConfig) => createStorageDriver(config.storage),
};
