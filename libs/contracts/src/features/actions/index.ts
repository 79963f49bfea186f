export * from './action-steps';
export * from './action.dto';
export * from './action.operations';
export * from './action.params';
