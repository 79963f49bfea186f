export * from './history-batch-delete.dto';
export * from './history-query.dto';
