export * from './errors/error-codes';
export * from './errors/domain-error';
export * from './plans/plans';
export * from './queues/queue-names';
export * from './operations/operation-definition';
export * from './operations/operation-catalog';
export * from './jobs/job-types';
