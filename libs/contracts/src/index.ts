export * from './errors/error-codes';
export * from './errors/domain-error';
export * from './errors/dependency-outage';
export * from './plans/plans';
export * from './queues/queue-names';
export * from './operations/operation-definition';
export * from './operations/operation-catalog';
export * from './jobs/job-types';
// Each feature's contract (catalog entries, DTOs, params and result types) through its own barrel,
// so a file added to a feature needs no line here.
export * from './features/actions';
export * from './features/ai';
export * from './features/analyze';
export * from './features/background';
export * from './features/faces';
export * from './features/grading';
export * from './features/lut';
export * from './features/match';
export * from './features/style';
export * from './features/video';
export * from './features/webhooks';
export * from './dto/image-input.fields';
export * from './dto/page-query.dto';
export * from './dto/storage.dto';
export * from './dto/webhook-url.field';
export * from './operations/image-result';
export * from './casing/key-case';
export * from './casing/grade-values.casing';
