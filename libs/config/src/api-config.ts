import { EnvReader, type Env } from './env-reader';
import { readCommonConfig, type CommonConfig } from './common-config';

export interface ApiConfig extends CommonConfig {
  host: string;
  port: number;
  /** How long a paid call waits for its job before answering 202 with the task id. */
  syncTimeoutMs: number;
  /** Largest JSON request body (base64 images travel in it). */
  maxBodyBytes: number;
  sessionTtlHours: number;
  /** Initial value of the `open_signup` setting: when false only an admin may register users. */
  openSignup: boolean;
  login: { maxAttemptsPerAccount: number; maxAttemptsPerIp: number; windowSeconds: number };
  urlFetch: { timeoutMs: number; maxRedirects: number; allowHosts: string[] };
  /** Seconds an Idempotency-Key is remembered. */
  idempotencyTtlSeconds: number;
  /** Active (unrevoked) API keys one user may hold; creating one more is a 409. */
  maxActiveApiKeys: number;
  /** Minutes between sweeps that delete expired sessions and Idempotency-Key records (0 = never). */
  expiredRowsSweepMinutes: number;
  /** Enables Swagger UI at /api/docs. */
  docsEnabled: boolean;
  /** Part size of S3 multipart video uploads (S3: 5 MiB … 5 GiB per part, at most 10 000 parts). */
  videoUploadPartBytes: number;
}

export function loadApiConfig(env: Env): ApiConfig {
  const reader = new EnvReader(env);
  const port = reader.int('API_PORT', 3000, { min: 0, max: 65535 });
  const common = readCommonConfig(reader, port);
  const config: ApiConfig = {
    ...common,
    host: reader.string('API_HOST', '0.0.0.0'),
    port,
    videoUploadPartBytes: reader.int('VIDEO_UPLOAD_PART_BYTES', 64 * 1024 * 1024, { min: 5 * 1024 * 1024, max: 5 * 1024 * 1024 * 1024 }),
    syncTimeoutMs: reader.int('SYNC_TIMEOUT_MS', 30_000, { min: 0 }),
    maxBodyBytes: reader.int('MAX_BODY_BYTES', Math.ceil(common.limits.maxInputBytes * 1.4) + 64 * 1024, { min: 1024 }),
    sessionTtlHours: reader.int('SESSION_TTL_HOURS', 24, { min: 1 }),
    openSignup: reader.bool('OPEN_SIGNUP', false),
    login: {
      maxAttemptsPerAccount: reader.int('LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', 10, { min: 1 }),
      maxAttemptsPerIp: reader.int('LOGIN_MAX_ATTEMPTS_PER_IP', 50, { min: 1 }),
      windowSeconds: reader.int('LOGIN_WINDOW_SECONDS', 900, { min: 1 }),
    },
    urlFetch: {
      timeoutMs: reader.int('URL_FETCH_TIMEOUT_MS', 10_000, { min: 100 }),
      maxRedirects: reader.int('URL_FETCH_MAX_REDIRECTS', 3, { min: 0, max: 10 }),
      allowHosts: reader.list('URL_FETCH_ALLOW_HOSTS'),
    },
    idempotencyTtlSeconds: reader.int('IDEMPOTENCY_TTL_SECONDS', 24 * 3600, { min: 60 }),
    maxActiveApiKeys: reader.int('MAX_ACTIVE_API_KEYS', 25, { min: 1 }),
    expiredRowsSweepMinutes: reader.int('EXPIRED_ROWS_SWEEP_MINUTES', 60, { min: 0 }),
    docsEnabled: reader.bool('API_DOCS', true),
  };
  reader.done();
  return config;
}
