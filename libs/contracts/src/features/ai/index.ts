export * from './ai-grade-result.dto';
export * from './ai-refine-request.dto';
export * from './ai-suggest-request.dto';
export * from './ai.operations';
export * from './ai.params';
