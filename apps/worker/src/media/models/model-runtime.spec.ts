import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { loadWorkerConfig } from '@gradekit/config';
import { WorkerMetrics } from '../../metrics/worker-metrics.service';
import { MODEL_CACHE_DIR } from '../../test-support/worker-test-bed';
import { affineModel, redSubjectMatteEntry, redSubjectMatteModel, writeManifest, writeModel } from '../../test-support/tiny-models';
import { ensureModelFile, sha256OfFile } from './model-files';
import { loadModelManifests, ModelManifestError } from './model-manifest';
import { ModelRuntime } from './model-runtime.service';

/** A pino stand-in that keeps what was logged (the runtime's only log calls are info and warn). */
function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    info: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'info', fields, message }),
    warn: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'warn', fields, message }),
  } as unknown as Logger;
  return { logger, lines };
}

describe('ModelRuntime (real ONNX Runtime, generated models)', () => {
  let dir: string;
  let manifest: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-models-'));
    const matte = writeModel(dir, 'red.onnx', redSubjectMatteModel(8));
    manifest = writeManifest(dir, [redSubjectMatteEntry('red-matte', 'red.onnx', matte.sha256, 8)]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runtime(env: Record<string, string> = {}) {
    const { logger, lines } = recordingLogger();
    const metrics = new WorkerMetrics();
    const config = loadWorkerConfig({ MODEL_MANIFESTS: manifest, MODEL_CACHE_DIR: path.join(dir, 'cache'), ...env });
    return { runtime: new ModelRuntime(config, logger, metrics), lines, metrics };
  }

  const redThenBlue = () => {
    // Pixel 0 pure red, pixel 1 pure blue, the rest black: 0–1 after the manifest's std of 255.
    const data = new Float32Array(3 * 64);
    data[0] = 1; // R of pixel 0
    data[2 * 64 + 1] = 1; // B of pixel 1
    return { image: { data, dims: [1, 3, 8, 8] } };
  };

  it('runs an operator model from its manifest entry alone and reuses one session', async () => {
    const { runtime: rt, metrics } = runtime();
    await rt.verify();
    const entry = rt.model('background-removal', 'red-matte');
    for (let i = 0; i < 3; i++) {
      const { alpha } = await rt.run(entry, redThenBlue());
      expect(alpha.dims).toEqual([1, 1, 8, 8]);
      expect(alpha.data[0]).toBeGreaterThan(0.99); // red → foreground
      expect(alpha.data[1]).toBeLessThan(0.01); // blue → background
      expect(alpha.data[2]).toBeCloseTo(0.5, 5); // black: sigmoid(0)
    }
    const status = rt.status();
    expect(status).toMatchObject({ requested_provider: 'cpu', provider: 'cpu', device: 'cpu' });
    expect(status.models).toEqual([expect.objectContaining({ name: 'red-matte', task: 'background-removal', loaded: true, runs: 3 })]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/gradekit_model_sessions_loaded\{app="worker"\} 1\n/);
    expect(text).toMatch(/gradekit_model_run_seconds_count\{app="worker",model="red-matte",provider="cpu"\} 3/);
    expect(text).toMatch(/gradekit_model_provider\{provider="cpu",requested="cpu",device="cpu",app="worker"\} 1/);
    await rt.onApplicationShutdown();
    expect(rt.status().models[0].loaded).toBe(false);
  });

  it('names the known models when a request names another, and a task without models', () => {
    const { runtime: rt } = runtime();
    expect(() => rt.model('background-removal', 'rmbg')).toThrow(/Unknown background-removal model "rmbg" \(known: red-matte\)/);
    expect(() => rt.model('style-transfer')).toThrow(/No style-transfer model is configured/);
    expect(rt.model('background-removal').name).toBe('red-matte'); // the task's first model is its default
  });

  it('runs graphs the code builds, cached by key', async () => {
    const { runtime: rt } = runtime();
    let builds = 0;
    const graph = { key: 'affine-2x+1', build: () => (builds++, affineModel(2, 1)) };
    const first = await rt.runGraph(graph, { x: { data: new Float32Array([1, 2, 3]), dims: [1, 3] } });
    const second = await rt.runGraph(graph, { x: { data: new Float32Array([0.5]), dims: [1, 1] } });
    expect(Array.from(first.y.data)).toEqual([3, 5, 7]);
    expect(Array.from(second.y.data)).toEqual([2]);
    expect(builds).toBe(1);
    expect(rt.status().models.find((m) => m.name === 'affine-2x+1')).toMatchObject({ task: 'built-graph', runs: 2, loaded: true });
    await rt.onApplicationShutdown();
  });

  it('releases an idle session after the TTL and loads it again on the next run', async () => {
    const { runtime: rt, lines } = runtime({ MODEL_IDLE_UNLOAD_MS: '50' });
    const entry = rt.model('background-removal');
    await rt.run(entry, redThenBlue());
    expect(rt.status().models[0].loaded).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(rt.status().models[0].loaded).toBe(false);
    expect(lines.filter((l) => l.message === 'model session released')).toHaveLength(1);
    const { alpha } = await rt.run(entry, redThenBlue());
    expect(alpha.data[0]).toBeGreaterThan(0.99);
    expect(lines.filter((l) => l.message === 'model session loaded')).toHaveLength(2);
    await rt.onApplicationShutdown();
  });

  it('falls back from CUDA to CPU with one warning and a counted fallback, never silently', async () => {
    // This machine has no CUDA provider library (FACTS.md): the fallback is real, not simulated.
    const { runtime: rt, lines, metrics } = runtime({ MODEL_PROVIDER: 'cuda', MODEL_WARMUP: 'false' });
    const { alpha } = await rt.run(rt.model('background-removal'), redThenBlue());
    expect(alpha.data[0]).toBeGreaterThan(0.99);
    await rt.runGraph({ key: 'affine', build: () => affineModel(1, 0) }, { x: { data: new Float32Array([4]), dims: [1, 1] } });
    const status = rt.status();
    expect(status).toMatchObject({ requested_provider: 'cuda', provider: 'cpu', device: 'cpu' });
    expect(status.fallback_reason).toEqual(expect.any(String));
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1); // the second session did not try CUDA again
    expect(warnings[0].message).toMatch(/CUDA execution provider could not load; models run on CPU/);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/gradekit_model_provider_fallbacks_total\{requested="cuda",app="worker"\} 1/);
    expect(text).toMatch(/gradekit_model_provider\{provider="cpu",requested="cuda",device="cpu",app="worker"\} 1/);
    await rt.onApplicationShutdown();
  });

  it('warms every model up at start when asked, so the first job does not pay for the load', async () => {
    const { runtime: rt, lines } = runtime({ MODEL_WARMUP: 'true' });
    await rt.verify();
    expect(lines.filter((l) => l.message === 'model warmed up').map((l) => l.fields.model)).toEqual(['red-matte']);
    expect(rt.status().models[0]).toMatchObject({ loaded: true, runs: 1 });
    await rt.onApplicationShutdown();
  });

  it('refuses a model whose file does not match its sha256, or is missing, naming the model', async () => {
    const bad = writeManifest(dir, [redSubjectMatteEntry('tampered', 'red.onnx', 'a'.repeat(64), 8)], 'bad-hash.json');
    const missing = writeManifest(dir, [redSubjectMatteEntry('absent', 'nowhere.onnx', 'b'.repeat(64), 8)], 'missing.json');
    const config = (file: string) => loadWorkerConfig({ MODEL_MANIFESTS: file, MODEL_CACHE_DIR: path.join(dir, 'cache') });
    const { logger } = recordingLogger();
    await expect(new ModelRuntime(config(bad), logger, new WorkerMetrics()).verify()).rejects.toThrow(
      /model "tampered" \(.*bad-hash\.json\): .*red\.onnx has sha256 [0-9a-f]{64}, the manifest says a{64}/,
    );
    await expect(new ModelRuntime(config(missing), logger, new WorkerMetrics()).verify()).rejects.toThrow(/model "absent" .*nowhere\.onnx is missing/);
  });
});

describe('model manifests', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-manifest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const valid = (name: string) => redSubjectMatteEntry(name, 'x.onnx', 'c'.repeat(64));

  it('resolves files beside their manifest and keeps the order built-in first', () => {
    const builtIn = writeManifest(path.join(dir, 'a'), [valid('one')]);
    const operator = writeManifest(path.join(dir, 'b'), [valid('two')]);
    const entries = loadModelManifests([builtIn, operator], '/cache');
    expect(entries.map((e) => [e.name, e.file])).toEqual([
      ['one', path.join(dir, 'a', 'x.onnx')],
      ['two', path.join(dir, 'b', 'x.onnx')],
    ]);
    expect(entries[0].input).toMatchObject({ layout: 'nchw', resize: 'stretch', mean: [0, 0, 0], std: [255, 255, 255] });
  });

  it('refuses a name declared twice, an unknown task and a malformed entry, saying where', () => {
    const first = writeManifest(path.join(dir, 'c'), [valid('same')]);
    const second = writeManifest(path.join(dir, 'd'), [valid('same')]);
    expect(() => loadModelManifests([first, second], '/cache')).toThrow(/model "same": already declared in .*c\/manifest\.json/);
    const task = writeManifest(path.join(dir, 'e'), [{ ...valid('t'), task: 'upscale' }]);
    expect(() => loadModelManifests([task], '/cache')).toThrow(ModelManifestError);
    expect(() => loadModelManifests([task], '/cache')).toThrow(/model "t": task must be one of background-removal, style-transfer, face-detection/);
    const hash = writeManifest(path.join(dir, 'f'), [{ ...valid('h'), sha256: 'xyz' }]);
    expect(() => loadModelManifests([hash], '/cache')).toThrow(/sha256 must be 64 hex digits/);
    const std = writeManifest(path.join(dir, 'g'), [{ ...valid('s'), input: { name: 'image', shape: [1, 3, 8, 8], std: [1, 0, 1] } }]);
    expect(() => loadModelManifests([std], '/cache')).toThrow(/input\.std: must not be 0/);
    expect(() => loadModelManifests([path.join(dir, 'none.json')], '/cache')).toThrow(/none\.json: cannot be read/);
  });

  it('reads the shipped manifest: ISNet joined into the cache, BlazeFace beside the manifest', () => {
    const entries = loadModelManifests([path.resolve(__dirname, '..', '..', '..', '..', '..', 'models', 'manifest.json')], '/cache');
    expect(entries.map((e) => [e.name, e.task])).toEqual([
      ['isnet', 'background-removal'],
      ['blazeface', 'face-detection'],
    ]);
    expect(entries[0].file).toBe('/cache/isnet-medium.onnx');
    expect(entries[0].assemble).toEqual({ package: '@imgly/background-removal-data', resource: '/models/medium' });
  });
});

describe('built-in model files', () => {
  it('joins ISNet from its npm package, checks it, and joins it again when the cached file is damaged', async () => {
    const [isnet] = loadModelManifests([path.resolve(__dirname, '..', '..', '..', '..', '..', 'models', 'manifest.json')], MODEL_CACHE_DIR);
    await ensureModelFile(isnet); // the shared cache: joined once per machine
    const cache = mkdtempSync(path.join(tmpdir(), 'gk-isnet-'));
    try {
      const copy = { ...isnet, file: path.join(cache, 'isnet-medium.onnx') };
      copyFileSync(isnet.file, copy.file);
      truncateSync(copy.file, 1000); // a file cut short (a full disk, a killed copy)
      await ensureModelFile(copy);
      expect(await sha256OfFile(copy.file)).toBe(isnet.sha256);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
