import type { ErrorCode } from '@gradekit/contracts';

/** Formats the worker decodes (AVIF reports as heif). Everything else is a 415. */
export const DECODABLE_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif']);

/**
 * Maps a decoder (libvips) failure message to the public code: a pixel-limit refusal
 * is 413, a format or codec the build cannot read is 415, and anything else the
 * decoder rejects (corrupt header, truncated data, bad Huffman table, empty buffer)
 * is a broken image, 422.
 */
export function decodeErrorCode(message: string): Extract<ErrorCode, 'IMAGE_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'INVALID_IMAGE'> {
  if (/exceeds pixel limit/i.test(message)) return 'IMAGE_TOO_LARGE';
  if (/unsupported image format|not been built|no (?:known )?decoder|unsupported codec|unsupported compression/i.test(message)) return 'UNSUPPORTED_MEDIA_TYPE';
  return 'INVALID_IMAGE';
}
