export * from './storage-driver.interface';
export { createStorageDriver } from './storage-driver.factory';
export { LocalStorageDriver, localTempDir } from './local-storage.driver';
export { S3StorageDriver } from './s3-storage.driver';
export {
  MAX_KEY_LENGTH,
  assertValidKey,
  assertValidPrefix,
  buildObjectKey,
  isOwnedBy,
  isValidObjectKey,
  objectKeyProblem,
  ownerPrefix,
  sanitizeFilename,
  TASK_OUTPUT_FOLDERS,
  taskOutputKey,
} from './object-key';
export type { TaskOutputFolder } from './object-key';
export { DEFAULT_CONTENT_TYPE, contentTypeFromKey, isInlineContentType, isUploadableContentType, isValidContentType, mediaTypeOf, uploadableContentTypes } from './content-type';
export { contentDisposition } from './content-disposition';
export {
  LOCAL_OBJECT_ROUTE,
  buildLocalPresignedUrl,
  localSignatureParamsFromQuery,
  signLocalUrl,
  verifyLocalSignature,
} from './local-signature';
export type { LocalPresignOp, LocalSignatureParams, LocalSignatureVerdict, LocalSignedFields } from './local-signature';
