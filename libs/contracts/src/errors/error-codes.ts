/**
 * Every machine-readable error code the public API can answer with, and the HTTP
 * status each maps to. Domain code (api services, worker handlers, libs) throws a
 * DomainError with one of these codes; one exception filter in the api turns it into
 * `{ error, code, details }` with this status. Worker code never throws HTTP errors.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  URL_NOT_ALLOWED: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  INSUFFICIENT_CREDITS: 402,
  PLAN_UPGRADE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMAGE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  URL_FETCH_FAILED: 422,
  INVALID_IMAGE: 422,
  INVALID_VIDEO: 422,
  VIDEO_TOO_LONG: 422,
  VIDEO_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  DEPENDENCY_UNAVAILABLE: 503,
  TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value);
}
