import { ConfigError, loadWorkerConfig } from './index';

describe('worker config: the optional remote grading assistant (AI_*)', () => {
  it('is off unless AI_API_URL is set', () => {
    expect(loadWorkerConfig({}).ai).toBeNull();
    expect(loadWorkerConfig({ AI_MODEL: 'm', AI_API_KEY: 'k' }).ai).toBeNull();
  });

  it('reads the endpoint, key, model and timeout, and allow-lists the endpoint host:port', () => {
    expect(loadWorkerConfig({ AI_API_URL: 'http://10.0.0.5:8000/v1/', AI_MODEL: 'llama3', AI_API_KEY: 'sk-1', AI_TIMEOUT_MS: '5000' }).ai).toEqual({
      apiUrl: 'http://10.0.0.5:8000/v1',
      apiKey: 'sk-1',
      model: 'llama3',
      timeoutMs: 5000,
      allowHosts: ['10.0.0.5:8000'],
    });
    expect(loadWorkerConfig({ AI_API_URL: 'https://api.example.com/v1', AI_MODEL: 'gpt' }).ai).toMatchObject({ apiKey: undefined, timeoutMs: 20000, allowHosts: ['api.example.com:443'] });
  });

  it('fails naming each bad variable', () => {
    let error: unknown;
    try {
      loadWorkerConfig({ AI_API_URL: 'ftp://x/v1', AI_TIMEOUT_MS: '10' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'AI_API_URL must use http or https (got "ftp:")',
      'AI_MODEL is required',
      'AI_TIMEOUT_MS must be between 100 and 120000 (got 10)',
    ]);
  });
});
