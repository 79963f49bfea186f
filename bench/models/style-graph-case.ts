import type { ModelRuntime } from '../../apps/worker/src/media/models/model-runtime.service';
import { styleNoise } from '../../apps/worker/src/features/style/style-noise';
import { STYLE_GRAPH_IO, STYLE_TRANSFER_GRAPH } from '../../apps/worker/src/features/style/style-transfer.graph';

/** A smooth pseudo-image of side² in planar 0–1 RGB (three phase-shifted sines: bands at every scale). */
function planes(side: number, phase: number): Float32Array {
  const n = side * side;
  const out = new Float32Array(3 * n);
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < n; i++) {
      const x = i % side;
      const y = Math.floor(i / side);
      out[k * n + i] = 0.5 + 0.25 * Math.sin((x + phase * 7) * 0.05 * (k + 1)) * Math.cos((y - phase) * 0.03 * (k + 1)) + 0.1 * Math.sin(x * 0.9 + y * 1.3 + phase);
    }
  }
  return out;
}

/** One run of the built-in style graph (the graph alone, no colour match, no decode) on side² content and style: the model-latency bench's case. */
export function benchStyleGraph(runtime: ModelRuntime, side: number): Promise<unknown> {
  return runtime.runGraph(STYLE_TRANSFER_GRAPH, {
    [STYLE_GRAPH_IO.content]: { data: planes(side, 0), dims: [1, 3, side, side] },
    [STYLE_GRAPH_IO.style]: { data: planes(side, 1), dims: [1, 3, side, side] },
    [STYLE_GRAPH_IO.noise]: { data: styleNoise(42, side * side), dims: [1, 1, side, side] },
    [STYLE_GRAPH_IO.strength]: { data: Float32Array.of(1), dims: [1] },
  });
}
