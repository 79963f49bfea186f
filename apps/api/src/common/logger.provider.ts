import type { Provider } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { createJsonLogger } from '@gradekit/observability';
import { API_CONFIG } from '../config/api-config.provider';

export const APP_LOGGER = Symbol('APP_LOGGER');

export const loggerProvider: Provider = {
  provide: APP_LOGGER,
  inject: [API_CONFIG],
  useFactory: (config: ApiConfig) => createJsonLogger('api', config.logLevel),
};
