export * from './redis-connection';
export * from './job-options';
export * from './queue-prefix-owner';
