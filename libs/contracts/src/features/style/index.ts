export * from './style-transfer-request.dto';
export * from './style-transfer.types';
export * from './style.operations';
