export * from './background-result';
export * from './background.operations';
export * from './background.params';
export * from './bg-remove-request.dto';
