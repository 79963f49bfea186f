import * as path from 'node:path';
import { ConfigError, loadWorkerConfig } from './index';

describe('worker config: the model runtime (MODEL_*)', () => {
  it('defaults to CPU, the built-in manifest, a cache under DATA_DIR and no warm-up', () => {
    expect(loadWorkerConfig({ DATA_DIR: '/srv/gk' }).models).toEqual({
      manifests: [path.resolve('models/manifest.json')],
      cacheDir: '/srv/gk/models',
      provider: 'cpu',
      deviceId: 0,
      maxConcurrentRuns: 1,
      idleUnloadMs: 15 * 60_000,
      warmup: false,
      cpuThreads: 0,
      cpuMemArena: true,
    });
  });

  it('warms up by default on CUDA (cuDNN autotuning), and reads every setting', () => {
    expect(loadWorkerConfig({ MODEL_PROVIDER: 'cuda' }).models.warmup).toBe(true);
    expect(
      loadWorkerConfig({
        MODEL_PROVIDER: 'cuda',
        MODEL_WARMUP: 'false',
        MODEL_MANIFESTS: 'models/manifest.json,/etc/gk/models.json',
        MODEL_CACHE_DIR: '/var/cache/gk',
        MODEL_DEVICE_ID: '1',
        MODEL_MAX_CONCURRENT_RUNS: '2',
        MODEL_IDLE_UNLOAD_MS: '0',
        MODEL_CPU_THREADS: '4',
        MODEL_CPU_MEM_ARENA: 'false',
      }).models,
    ).toEqual({
      manifests: [path.resolve('models/manifest.json'), '/etc/gk/models.json'],
      cacheDir: '/var/cache/gk',
      provider: 'cuda',
      deviceId: 1,
      maxConcurrentRuns: 2,
      idleUnloadMs: 0,
      warmup: false,
      cpuThreads: 4,
      cpuMemArena: false,
    });
  });

  it('fails naming each bad variable', () => {
    let error: unknown;
    try {
      loadWorkerConfig({ MODEL_PROVIDER: 'tensorrt', MODEL_MAX_CONCURRENT_RUNS: '0', MODEL_CPU_MEM_ARENA: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/MODEL_PROVIDER/);
    expect(message).toMatch(/MODEL_MAX_CONCURRENT_RUNS/);
    expect(message).toMatch(/MODEL_CPU_MEM_ARENA/);
  });
});
