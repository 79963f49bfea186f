export * from './lut-export-match-request.dto';
export * from './lut-export-preset-request.dto';
export * from './lut-request.dto';
export * from './lut.operations';
export * from './lut.params';
export * from './lut.results';
