import { loadApiConfig, type ApiConfig } from '@gradekit/config';

export const API_CONFIG = Symbol('API_CONFIG');

/** The api's typed configuration, read from the environment once at start. */
export function readApiConfigFromEnvironment(): ApiConfig {
  return loadApiConfig(process.env);
}
