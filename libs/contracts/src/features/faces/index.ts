export * from './faces-detect-request.dto';
export * from './faces.operations';
export * from './faces.result';
