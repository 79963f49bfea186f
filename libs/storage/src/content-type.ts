/**
 * Content types derived from a key's extension, for objects written without an
 * explicit type. Both drivers use the same table so head() answers the same thing
 * whichever driver stored the object. Deliberately small: the media the API handles.
 */
/** What S3 stores for an object written without a type; the local driver answers the same. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  cube: 'text/plain',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  pdf: 'application/pdf',
};

/** The content type for a key's extension, or null when the extension is unknown. */
export function contentTypeFromKey(key: string): string | null {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * Validates an explicit content type (a header value we will store and later send
 * back): `type/subtype` plus optional parameters, no control characters, ≤ 255 chars.
 */
export function isValidContentType(value: string): boolean {
  return value.length <= 255 && !/[\u0000-\u001f\u007f]/.test(value) && /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(value);
}
