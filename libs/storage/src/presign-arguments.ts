import { DomainError } from '@gradekit/contracts';
import { isValidContentType } from './content-type';
import { MAX_PRESIGN_EXPIRY_SECONDS } from './storage-driver.interface';

/**
 * Argument checks shared by both drivers, so the same bad input fails the same way
 * (VALIDATION_ERROR) whichever driver is configured.
 */
export const presignArguments = {
  expiry(expiresInSeconds: number): void {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_PRESIGN_EXPIRY_SECONDS) {
      throw DomainError.validation('Invalid presigned URL expiry', [
        { field: 'expiresInSeconds', message: `must be an integer from 1 to ${MAX_PRESIGN_EXPIRY_SECONDS}` },
      ]);
    }
  },
  contentType(contentType: string | undefined): void {
    if (contentType !== undefined && !isValidContentType(contentType)) {
      throw DomainError.validation('Invalid content type', [{ field: 'contentType', message: 'must look like type/subtype' }]);
    }
  },
  downloadName(downloadName: string | undefined): void {
    if (downloadName !== undefined && (downloadName.length === 0 || downloadName.length > 255 || /[\u0000-\u001f\u007f]/.test(downloadName))) {
      throw DomainError.validation('Invalid download name', [
        { field: 'downloadName', message: 'must be 1 to 255 characters without control characters' },
      ]);
    }
  },
};
