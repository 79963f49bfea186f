import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { redSubjectMatteEntry, redSubjectMatteModel, writeManifest, writeModel } from '../../test-support/tiny-models';
import { WorkerTestBed } from '../../test-support/worker-test-bed';

jest.setTimeout(60_000);

const BUILT_IN = path.resolve(__dirname, '..', '..', '..', '..', '..', 'models', 'manifest.json');

describe('the worker and its model manifests', () => {
  let bed: WorkerTestBed;
  let dir: string;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('models');
    dir = mkdtempSync(path.join(tmpdir(), 'gk-operator-models-'));
  });
  afterAll(async () => {
    await bed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not start with a model whose file differs from its manifest, naming the model', async () => {
    const model = writeModel(dir, 'red.onnx', redSubjectMatteModel(8));
    const tampered = writeManifest(dir, [redSubjectMatteEntry('operator-matte', 'red.onnx', model.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')), 8)], 'tampered.json');
    await expect(bed.start({ MODEL_MANIFESTS: `${BUILT_IN},${tampered}` })).rejects.toThrow(/model "operator-matte" \(.*tampered\.json\): .* has sha256 /);
    const missing = writeManifest(dir, [redSubjectMatteEntry('gone', 'gone.onnx', model.sha256, 8)], 'missing.json');
    await expect(bed.start({ MODEL_MANIFESTS: missing })).rejects.toThrow(/model "gone" .*gone\.onnx is missing/);
  });

  it("adds an operator's model with a manifest entry and reports every model's provider and runs on /readyz and /metrics", async () => {
    const model = writeModel(dir, 'red-ok.onnx', redSubjectMatteModel(8));
    const operator = writeManifest(dir, [redSubjectMatteEntry('operator-matte', 'red-ok.onnx', model.sha256, 8)], 'operator.json');
    const started = await bed.start({ MODEL_MANIFESTS: `${BUILT_IN},${operator}` });
    const ready = (await (await fetch(`${started.worker.url}/readyz`)).json()) as { status: string; models: Record<string, unknown> };
    expect(ready.status).toBe('ok');
    expect(ready.models).toMatchObject({ requested_provider: 'cpu', provider: 'cpu', device: 'cpu' });
    expect((ready.models.models as { name: string; task: string; loaded: boolean }[]).map((m) => [m.name, m.task, m.loaded])).toEqual([
      ['isnet', 'background-removal', false],
      ['blazeface', 'face-detection', false],
      ['operator-matte', 'background-removal', false],
    ]);
    const metrics = await (await fetch(`${started.worker.url}/metrics`)).text();
    expect(metrics).toMatch(/gradekit_model_provider\{provider="cpu",requested="cpu",device="cpu",app="worker"\} 1/);
    await started.close();
  });
});
