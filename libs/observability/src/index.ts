export * from './json-logger';
export * from './metrics-registry';
export * from './readiness-check';
