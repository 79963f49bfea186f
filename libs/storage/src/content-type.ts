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

/** Raster image types the product reads and writes. SVG is deliberately absent: it is a document that runs script. */
const RASTER_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif', 'image/bmp']);

/** Video containers the video feature accepts. */
const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/x-m4v']);

/**
 * What a client may presign an upload for: images, videos, `.cube` LUTs (text/plain, or
 * application/octet-stream as browsers send unknown files) and the ZIP archives the API
 * writes. Anything else (text/html, image/svg+xml, application/javascript…) could be
 * served back from the API's origin and run there, so it is refused up front.
 */
const UPLOADABLE_TYPES = new Set([...RASTER_IMAGE_TYPES, ...VIDEO_TYPES, 'text/plain', 'application/octet-stream', 'application/zip']);

/** The `type/subtype` of a header value, lower-cased and without parameters. */
export function mediaTypeOf(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

/** True when a client may upload an object of this content type (see UPLOADABLE_TYPES). */
export function isUploadableContentType(value: string): boolean {
  return UPLOADABLE_TYPES.has(mediaTypeOf(value));
}

/** The content types POST /storage/presign accepts, for its error message. */
export function uploadableContentTypes(): string[] {
  return [...UPLOADABLE_TYPES];
}

/**
 * True when an object of this type may be shown inline (a raster image or a video: media a
 * browser renders without running anything). Everything else is served as an attachment.
 */
export function isInlineContentType(value: string | null): boolean {
  if (!value) return false;
  const type = mediaTypeOf(value);
  return RASTER_IMAGE_TYPES.has(type) || type.startsWith('video/');
}
