import { DomainError } from '@gradekit/contracts';

const DATA_URI = /^data:([\w/+.-]+)?(;[\w-]+=[\w-]+)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decodes a base64 field (plain or a data URI, standard or URL-safe alphabet).
 * Checks the encoded length against the byte limit first so an oversized field
 * is refused without allocating its decoded copy.
 */
export function decodeBase64Field(field: string, value: string, maxBytes: number): Buffer {
  const payload = value.replace(DATA_URI, '').replace(/\s+/g, '');
  if (payload.length === 0) throw DomainError.validation(`${field} is empty`, [{ field, message: 'must be base64 image data' }]);
  if (Math.floor((payload.length * 3) / 4) > maxBytes + 2) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `${field} is larger than ${maxBytes} bytes`, [{ field, message: `at most ${maxBytes} bytes`, limit: maxBytes }]);
  }
  if (!BASE64.test(payload)) {
    throw DomainError.validation(`${field} is not valid base64`, [{ field, message: 'must be base64 (or a data: URI), or an http(s) URL' }]);
  }
  const bytes = Buffer.from(payload, payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64');
  if (bytes.length > maxBytes) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `${field} is larger than ${maxBytes} bytes`, [{ field, message: `at most ${maxBytes} bytes`, limit: maxBytes }]);
  }
  return bytes;
}

export function looksLikeUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}
