import * as path from 'node:path';
import type { EnvReader } from './env-reader';
import type { StorageOptions } from '@gradekit/storage';
import { readWebhookConfig, type WebhookConfig } from './webhook-config';

/** Settings both the api and the worker need. */
export interface CommonConfig {
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  databaseUrl: string;
  redisUrl: string;
  /** Root for local state: object storage (local driver), caches. */
  dataDir: string;
  /** Base URL clients use to reach the api; presigned local-storage URLs start with it. */
  publicUrl: string;
  /** The storage driver's own options (libs/storage), read from the environment. */
  storage: StorageOptions;
  /** Prefix for Redis keys and BullMQ queues, so test runs and instances don't collide. */
  queuePrefix: string;
  limits: InputLimits;
  /** Attempts per job before its task is failed and refunded (set at enqueue time). */
  jobAttempts: number;
  /** Webhook delivery: retry schedule, timeout, SSRF allow-list, secret overlap. */
  webhooks: WebhookConfig;
}

export interface InputLimits {
  /** Largest accepted input file, in bytes (base64, upload, URL fetch). */
  maxInputBytes: number;
  /** Largest accepted image, in pixels, checked from the header before decoding. */
  maxInputPixels: number;
}

const DEV_SIGNING_SECRET = 'gradekit-dev-signing-secret-change-me';

export function readCommonConfig(env: EnvReader, defaultPort: number): CommonConfig {
  const nodeEnv = env.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const dataDir = path.resolve(env.string('DATA_DIR', './data'));
  const publicUrl = env.url('PUBLIC_URL', `http://127.0.0.1:${defaultPort}`, ['http', 'https']).replace(/\/+$/, '');
  const driver = env.oneOf('STORAGE_DRIVER', ['local', 's3'] as const, 'local');

  let storage: CommonConfig['storage'];
  if (driver === 'local') {
    const signingSecret = env.string('STORAGE_SIGNING_SECRET', nodeEnv === 'production' ? undefined : DEV_SIGNING_SECRET);
    if (nodeEnv === 'production' && signingSecret === DEV_SIGNING_SECRET) {
      env.fail('STORAGE_SIGNING_SECRET must be set to a private value in production');
    }
    storage = { driver, dataDir: path.join(dataDir, 'storage'), publicBaseUrl: publicUrl, signingSecret };
  } else {
    const endpoint = new URL(env.url('S3_ENDPOINT', undefined, ['http', 'https']) || 'http://invalid');
    storage = {
      driver,
      endPoint: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      useSSL: endpoint.protocol === 'https:',
      accessKey: env.string('S3_ACCESS_KEY'),
      secretKey: env.string('S3_SECRET_KEY'),
      bucket: env.string('S3_BUCKET', 'gradekit'),
      region: env.string('S3_REGION', 'us-east-1'),
      publicEndpoint: env.optionalString('S3_PUBLIC_ENDPOINT'),
    };
  }

  return {
    nodeEnv,
    logLevel: env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    databaseUrl: env.url('DATABASE_URL', 'postgresql://postgres:postgres@127.0.0.1:5432/gradekit', ['postgres', 'postgresql']),
    redisUrl: env.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
    dataDir,
    publicUrl,
    storage,
    queuePrefix: env.string('QUEUE_PREFIX', 'gk'),
    limits: {
      maxInputBytes: env.int('MAX_INPUT_BYTES', 50 * 1024 * 1024, { min: 1024 }),
      maxInputPixels: env.int('MAX_INPUT_PIXELS', 100_000_000, { min: 1 }),
    },
    jobAttempts: env.int('JOB_ATTEMPTS', 3, { min: 1, max: 20 }),
    webhooks: readWebhookConfig(env),
  };
}
