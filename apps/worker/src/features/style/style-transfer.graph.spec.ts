import type { Logger } from 'pino';
import { loadWorkerConfig } from '@gradekit/config';
import { ModelRuntime, type FloatTensor } from '../../media/models/model-runtime.service';
import { WorkerMetrics } from '../../metrics/worker-metrics.service';
import { createRng } from '@gradekit/color';
import { binomialBlur } from './band-statistics';
import { styleNoise } from './style-noise';
import { STYLE_GAIN_RANGE, STYLE_GRAPH_IO, STYLE_LEVELS, STYLE_TRANSFER_GRAPH } from './style-transfer.graph';

const quiet = { info: () => undefined, warn: () => undefined } as unknown as Logger;
const W = 96;
const H = 64;

/** Planar RGB: a soft diagonal gradient with gentle edges (content), or grey with strong noise (style). */
function planes(pixel: (x: number, y: number, k: number) => number, width = W, height = H): Float32Array {
  const out = new Float32Array(3 * width * height);
  for (let k = 0; k < 3; k++) for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[k * width * height + y * width + x] = pixel(x, y, k);
  return out;
}
const rng = createRng(3);
const content = planes((x, y, k) => 0.3 + 0.3 * (x / W) + 0.1 * (y / H) + (x > 48 ? 0.05 : 0) + k * 0.02);
const style = planes((_x, _y, k) => 0.5 + (k === 0 ? (rng() - 0.5) * 0.4 : 0), 80, 80);

/** RMS of the finest luma band (plane − its blur) of planar RGB. */
function fineEnergy(rgb: Float32Array, width = W, height = H): number {
  const n = width * height;
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = 0.2126 * rgb[i] + 0.7152 * rgb[n + i] + 0.0722 * rgb[2 * n + i];
  const b = binomialBlur(y, width, height);
  return Math.sqrt(y.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / n);
}

describe('the built-in style graph on ONNX Runtime', () => {
  const runtime = new ModelRuntime(loadWorkerConfig({ MODEL_IDLE_UNLOAD_MS: '0' }), quiet, new WorkerMetrics());
  afterAll(() => runtime.onApplicationShutdown());

  const run = (strength: number, seed = 42, c = content): Promise<Record<string, FloatTensor>> =>
    runtime.runGraph(STYLE_TRANSFER_GRAPH, {
      [STYLE_GRAPH_IO.content]: { data: c, dims: [1, 3, H, W] },
      [STYLE_GRAPH_IO.style]: { data: style, dims: [1, 3, 80, 80] },
      [STYLE_GRAPH_IO.noise]: { data: styleNoise(seed, W * H), dims: [1, 1, H, W] },
      [STYLE_GRAPH_IO.strength]: { data: Float32Array.of(strength), dims: [1] },
    });

  it('strength 0 gives the content back (the pyramid reconstructs exactly, no grain)', async () => {
    const out = await run(0);
    expect(out[STYLE_GRAPH_IO.output].dims).toEqual([1, 3, H, W]);
    const maxDiff = out[STYLE_GRAPH_IO.output].data.reduce((m, v, i) => Math.max(m, Math.abs(v - content[i])), 0);
    expect(maxDiff).toBeLessThan(1e-5);
    expect(Array.from(out[STYLE_GRAPH_IO.gains].data)).toEqual(new Array(STYLE_LEVELS).fill(1));
    expect(Array.from(out[STYLE_GRAPH_IO.grain].data)).toEqual([0, 0]);
  });

  it("strength 1 raises a smooth content's fine bands toward a noisy style's (gain at the cap, the rest as grain), seeded", async () => {
    const out = await run(1);
    const gains = Array.from(out[STYLE_GRAPH_IO.gains].data);
    expect(gains[0]).toBeCloseTo(STYLE_GAIN_RANGE[1], 5);
    const grain = Array.from(out[STYLE_GRAPH_IO.grain].data);
    expect(grain[0]).toBeGreaterThan(0.01);
    const before = fineEnergy(content);
    const after = fineEnergy(out[STYLE_GRAPH_IO.output].data);
    const target = fineEnergy(style, 80, 80);
    expect(after).toBeGreaterThan(before + 0.5 * (target - before));
    expect(out[STYLE_GRAPH_IO.output].data.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Luma only: the R−G difference of the content is kept wherever nothing clipped.
    const n = W * H;
    const i = 30 * W + 20;
    expect(out[STYLE_GRAPH_IO.output].data[i] - out[STYLE_GRAPH_IO.output].data[n + i]).toBeCloseTo(content[i] - content[n + i], 5);
    expect((await run(1)).output.data).toEqual(out[STYLE_GRAPH_IO.output].data);
    expect((await run(1, 7)).output.data).not.toEqual(out[STYLE_GRAPH_IO.output].data);
  });

  it('lowers the band contrast of a busy content toward a smooth style', async () => {
    const busy = planes((x, y) => ((x >> 2) + (y >> 2)) % 2 ? 0.8 : 0.2);
    const smooth = planes((x, y) => 0.4 + 0.2 * Math.sin(x / 15) * Math.cos(y / 12), 80, 80);
    const out = await runtime.runGraph(STYLE_TRANSFER_GRAPH, {
      [STYLE_GRAPH_IO.content]: { data: busy, dims: [1, 3, H, W] },
      [STYLE_GRAPH_IO.style]: { data: smooth, dims: [1, 3, 80, 80] },
      [STYLE_GRAPH_IO.noise]: { data: styleNoise(1, W * H), dims: [1, 1, H, W] },
      [STYLE_GRAPH_IO.strength]: { data: Float32Array.of(1), dims: [1] },
    });
    const gains = Array.from(out[STYLE_GRAPH_IO.gains].data);
    expect(gains.slice(0, 2)).toEqual([STYLE_GAIN_RANGE[0], STYLE_GAIN_RANGE[0]].map((g) => expect.closeTo(g, 5)));
    expect(fineEnergy(out[STYLE_GRAPH_IO.output].data)).toBeLessThan(0.5 * fineEnergy(busy));
  });
});
