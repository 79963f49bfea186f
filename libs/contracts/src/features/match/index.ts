export * from './match-batch-request.dto';
export * from './match-multi-request.dto';
export * from './match-request.dto';
export * from './match.operations';
export * from './match.params';
export * from './match.results';
