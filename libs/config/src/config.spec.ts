import { ConfigError, loadApiConfig, loadWorkerConfig } from './index';

describe('config', () => {
  it('serves a local run with defaults: loopback services, local storage under ./data', () => {
    const config = loadApiConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('postgresql://postgres:postgres@127.0.0.1:5432/gradekit');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.storage.driver).toBe('local');
    expect(config.storage).toMatchObject({ publicBaseUrl: 'http://127.0.0.1:3000' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.syncTimeoutMs).toBe(30000);
  });

  it('fails naming every bad variable at once', () => {
    let error: unknown;
    try {
      loadApiConfig({ API_PORT: 'eighty', REDIS_URL: 'http://x', STORAGE_DRIVER: 'ftp', OPEN_SIGNUP: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('API_PORT must be an integer');
    expect(message).toContain('REDIS_URL must use redis or rediss');
    expect(message).toContain('STORAGE_DRIVER must be one of local, s3');
    expect(message).toContain('OPEN_SIGNUP must be a boolean');
  });

  it('requires a private signing secret in production', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(/STORAGE_SIGNING_SECRET is required/);
    expect(loadApiConfig({ NODE_ENV: 'production', STORAGE_SIGNING_SECRET: 's3cr3t' }).storage).toMatchObject({ signingSecret: 's3cr3t' });
  });

  it('reads the s3 driver settings and requires its credentials', () => {
    expect(() => loadApiConfig({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'https://s3.example.com' })).toThrow(/S3_ACCESS_KEY is required[\s\S]*S3_SECRET_KEY is required/);
    const config = loadApiConfig({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b' });
    expect(config.storage).toEqual({
      driver: 's3', endPoint: '127.0.0.1', port: 9000, useSSL: false, accessKey: 'a', secretKey: 'b',
      bucket: 'gradekit', region: 'us-east-1', publicEndpoint: undefined,
    });
  });

  it('validates the worker queue list', () => {
    expect(loadWorkerConfig({ WORKER_QUEUES: 'image,hooks' }).queues).toEqual(['image', 'hooks']);
    expect(() => loadWorkerConfig({ WORKER_QUEUES: 'image,cpu' })).toThrow(/WORKER_QUEUES has an unknown queue "cpu"/);
  });
});
