import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { loadWorkerConfig } from '@gradekit/config';
import type { RgbImage } from '@gradekit/color';
import { ModelImageIO } from '../../media/models/model-image-io';
import { OnnxGraphBuilder } from '../../media/models/onnx-graph.builder';
import { ModelRuntime } from '../../media/models/model-runtime.service';
import { WorkerMetrics } from '../../metrics/worker-metrics.service';
import { writeManifest, writeModel } from '../../test-support/tiny-models';
import { FaceDetector } from './face-detector.service';

/**
 * A BlazeFace-shaped detector of another geometry (32² NHWC input, one 4×4 grid, one
 * anchor per cell): anchor 6 — cell (2, 1) — scores logit 20·mean(pixels) − 10, every other
 * anchor −10; every box is an 8-px square at its anchor with keypoints at its centre.
 * A bright image has one face there, a dark one none: the manifest alone configures it.
 */
function tinyDetector(): Uint8Array {
  const g = new OnnxGraphBuilder('tiny-face');
  const image = g.input('pixels', [1, 32, 32, 3]);
  const mean = g.op('ReduceMean', [image], { axes: [1, 2, 3], keepdims: 0 });
  const gains = new Array(16).fill(0);
  gains[6] = 20;
  const scores = g.op('Add', [g.op('Mul', [mean, g.constant(gains, [1, 16, 1])]), g.constant(new Array(16).fill(-10), [1, 16, 1])]);
  g.output(scores, 'scores', [1, 16, 1]);
  const box = new Array(16 * 16).fill(0);
  for (let a = 0; a < 16; a++) box.fill(8, a * 16 + 2, a * 16 + 4); // every anchor's box: 8 px, touching its neighbours (IoU 0)
  const boxes = g.op('Add', [g.op('Mul', [mean, g.constant([0], [1])]), g.constant(box, [1, 16, 16])]);
  g.output(boxes, 'boxes', [1, 16, 16]);
  return g.build();
}

function image(width: number, height: number, value: number): RgbImage {
  return { data: new Uint8Array(width * height * 3).fill(value), width, height, channels: 3 };
}

describe('FaceDetector (real ONNX Runtime, an operator model from its manifest entry)', () => {
  let dir: string;
  let detector: FaceDetector;
  let runtime: ModelRuntime;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-faces-'));
    const model = writeModel(dir, 'tiny-face.onnx', tinyDetector());
    const manifest = writeManifest(dir, [
      {
        name: 'tiny-face',
        task: 'face-detection',
        file: 'tiny-face.onnx',
        sha256: model.sha256,
        input: { name: 'pixels', shape: [1, 32, 32, 3], layout: 'nhwc', mean: [0, 0, 0], std: [255, 255, 255], resize: 'letterbox' },
        outputs: [{ name: 'scores', shape: [1, 16, 1] }, { name: 'boxes', shape: [1, 16, 16] }],
        licence: 'test',
        source: 'generated',
        options: { grids: [{ cells: 4, anchors: 1, scores: 'scores', boxes: 'boxes' }], score_threshold: 0.6 },
      },
    ]);
    const config = loadWorkerConfig({ MODEL_MANIFESTS: manifest, MODEL_CACHE_DIR: path.join(dir, 'cache'), MODEL_IDLE_UNLOAD_MS: '0' });
    runtime = new ModelRuntime(config, pino({ level: 'silent' }), new WorkerMetrics());
    detector = new FaceDetector(runtime, new ModelImageIO());
  });
  afterAll(async () => {
    await runtime.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it("decodes the manifest's grid and maps the box through the letterbox to the image's pixels", async () => {
    // A 64×32 white image in the 32² input: content 32×16 at y offset 8, black padding (the input's mean is ½: logit 0).
    const { faces, model } = await detector.detect(image(64, 32, 255), { minScore: 0.4 });
    expect(model).toBe('tiny-face');
    expect(faces).toHaveLength(1);
    // Anchor (2.5/4, 1.5/4) of the input = (20, 12) input px → ((20 − 0)·2, (12 − 8)·2) = (40, 8); 8 input px = 16 px.
    expect(faces[0].box.x).toBeCloseTo(32, 4);
    expect(faces[0].box.y).toBeCloseTo(0, 4);
    expect(faces[0].box.width).toBeCloseTo(16, 4);
    expect(faces[0].box.height).toBeCloseTo(16, 4);
    expect(faces[0].landmarks.map((l) => [Math.round(l.x), Math.round(l.y)])).toEqual(new Array(6).fill([40, 8]));
    expect(faces[0].score).toBeCloseTo(1 / (1 + Math.exp(0)), 2); // mean ½ (half the input is padding) → logit 0
  });

  it("uses the manifest's threshold by default and finds nothing in a dark image", async () => {
    expect((await detector.detect(image(64, 32, 255))).faces).toHaveLength(0); // 0.5 ≤ 0.6
    expect((await detector.detect(image(32, 32, 255))).faces).toHaveLength(1); // no padding: logit 10
    expect((await detector.detect(image(32, 32, 0), { minScore: 0 })).faces.length).toBe(16); // every anchor above 0
    expect((await detector.detect(image(32, 32, 0))).faces).toHaveLength(0);
    expect((await detector.detect(image(32, 32, 0), { minScore: 0, maxFaces: 3 })).faces).toHaveLength(3);
  });
});
