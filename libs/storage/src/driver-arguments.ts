import { DomainError } from '@gradekit/contracts';
import { isValidContentType } from './content-type';
import { MAX_PRESIGN_EXPIRY_SECONDS, MULTIPART_LIMITS, type ByteRange, type MultipartPart } from './storage-driver.interface';

/** The largest byte limit a presigned PUT may carry: it must survive the round trip through a decimal query value. */
const MAX_SIGNED_BYTES = Number.MAX_SAFE_INTEGER;

/**
 * Argument checks shared by both drivers, so the same bad input fails the same way
 * (VALIDATION_ERROR) whichever driver is configured, before the backend is touched.
 */
export const driverArguments = {
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
  maxBytes(maxBytes: number | undefined): void {
    if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_SIGNED_BYTES)) {
      throw DomainError.validation('Invalid upload size limit', [{ field: 'maxBytes', message: 'must be a positive integer' }]);
    }
  },
  range(range: ByteRange | undefined): void {
    if (range === undefined) return;
    const { start, end } = range;
    if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
      throw DomainError.validation('Invalid byte range', [{ field: 'range', message: 'start and end must be integers with 0 <= start <= end' }]);
    }
  },
  uploadId(uploadId: string): void {
    // Opaque to us, but it travels in query strings and XML: no control characters, bounded.
    if (typeof uploadId !== 'string' || uploadId.length === 0 || uploadId.length > 1024 || /[\u0000-\u001f\u007f]/.test(uploadId)) {
      throw DomainError.validation('Invalid multipart upload id', [{ field: 'uploadId', message: 'must be the id createMultipartUpload returned' }]);
    }
  },
  partNumber(partNumber: number, field = 'partNumber'): void {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MULTIPART_LIMITS.maxParts) {
      throw DomainError.validation('Invalid part number', [{ field, message: `must be an integer from 1 to ${MULTIPART_LIMITS.maxParts}` }]);
    }
  },
  /** The parts sorted by number (S3 requires ascending order), each number once, each with an etag. */
  parts(parts: MultipartPart[]): MultipartPart[] {
    if (!Array.isArray(parts) || parts.length === 0 || parts.length > MULTIPART_LIMITS.maxParts) {
      throw DomainError.validation('Invalid part list', [{ field: 'parts', message: `must list 1 to ${MULTIPART_LIMITS.maxParts} parts` }]);
    }
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    sorted.forEach((part, index) => {
      driverArguments.partNumber(part.partNumber, `parts[${index}].partNumber`);
      if (index > 0 && sorted[index - 1]!.partNumber === part.partNumber) {
        throw DomainError.validation('Invalid part list', [{ field: 'parts', message: `part ${part.partNumber} is listed twice` }]);
      }
      if (typeof part.etag !== 'string' || !/^"?[A-Za-z0-9-]{1,128}"?$/.test(part.etag)) {
        throw DomainError.validation('Invalid part list', [{ field: `parts[${index}].etag`, message: 'must be the ETag the part upload answered' }]);
      }
    });
    return sorted;
  },
};
