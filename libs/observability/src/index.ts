export * from './json-logger';
export * from './metrics-registry';
