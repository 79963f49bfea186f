export * from './env-reader';
export * from './common-config';
export * from './api-config';
export * from './worker-config';
export * from './webhook-config';
