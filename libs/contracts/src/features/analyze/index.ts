export * from './analyze-request.dto';
export * from './analyze-result';
export * from './analyze.operations';
export * from './image-info';
