/**
 * The formats a graded image can be written in, and the JPEG quality used when a caller asks
 * for none. The worker's ImageEncoder keys its encoders by IMAGE_OUTPUT_FORMATS (so a format
 * listed here without an encoder fails to type-check) and writes JPEGs at DEFAULT_JPEG_QUALITY.
 */
export const IMAGE_OUTPUT_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'tiff'] as const;
export type ImageOutputFormat = (typeof IMAGE_OUTPUT_FORMATS)[number];

export const DEFAULT_JPEG_QUALITY = 92;
export const MIN_JPEG_QUALITY = 1;
export const MAX_JPEG_QUALITY = 100;

/**
 * How an image task's output is encoded, when its owner prefers something other than the
 * built-in behaviour (follow the input's format, JPEG at DEFAULT_JPEG_QUALITY). The api writes
 * it into the task's params as `output` (so a retry encodes the same way); absent, the worker
 * keeps the built-in behaviour.
 */
export interface ImageOutputOptions {
  /** Absent: follow the input's format. */
  format?: ImageOutputFormat;
  /** Used when the output is a JPEG. */
  jpeg_quality?: number;
}

/** The key of the task params that carries ImageOutputOptions. */
export const IMAGE_OUTPUT_PARAM = 'output';

/**
 * The ImageOutputOptions a task's params carry (`{}` when none). Anything malformed is
 * dropped rather than failing the task: the built-in encoding is always a valid answer.
 */
export function imageOutputOptionsOf(params: unknown): ImageOutputOptions {
  const raw = params !== null && typeof params === 'object' ? (params as Record<string, unknown>)[IMAGE_OUTPUT_PARAM] : undefined;
  if (raw === null || typeof raw !== 'object') return {};
  const { format, jpeg_quality: quality } = raw as Record<string, unknown>;
  const options: ImageOutputOptions = {};
  if (typeof format === 'string' && (IMAGE_OUTPUT_FORMATS as readonly string[]).includes(format)) options.format = format as ImageOutputFormat;
  if (typeof quality === 'number' && Number.isInteger(quality) && quality >= MIN_JPEG_QUALITY && quality <= MAX_JPEG_QUALITY) options.jpeg_quality = quality;
  return options;
}
