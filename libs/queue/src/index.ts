export * from './redis-connection';
export * from './job-options';
