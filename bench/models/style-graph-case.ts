import type { ModelRuntime } from '../../apps/worker/src/media/models/model-runtime.service';
import { STYLE_GRAPH_IO, STYLE_TRANSFER_GRAPH } from '../../apps/worker/src/features/style/style-transfer.graph';

const feedsBySide = new Map<number, Parameters<ModelRuntime['runGraph']>[1]>();

/** A side² smooth pseudo-photo plane set (values in 0–1). */
function planes(side: number, phase: number): Float32Array {
  const n = side * side;
  const data = new Float32Array(3 * n);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < n; i++) data[c * n + i] = 0.5 + 0.4 * Math.sin((i % side) * 0.02 + Math.floor(i / side) * 0.013 + phase + c);
  }
  return data;
}

/**
 * One run of the built-in style graph at side² content with a 512² style, the sizes a
 * 1024² job feeds it (the model-latency bench's "style graph 1024²"). Feeds are made once.
 */
export function benchStyleGraph(runtime: ModelRuntime, side: number): Promise<unknown> {
  let feeds = feedsBySide.get(side);
  if (!feeds) {
    const noise = new Float32Array(side * side);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.sin(i * 12.9898) * 1.7; // deterministic, zero-mean-ish
    feeds = {
      [STYLE_GRAPH_IO.content]: { data: planes(side, 0), dims: [1, 3, side, side] },
      [STYLE_GRAPH_IO.style]: { data: planes(512, 1.3), dims: [1, 3, 512, 512] },
      [STYLE_GRAPH_IO.noise]: { data: noise, dims: [1, 1, side, side] },
      [STYLE_GRAPH_IO.strength]: { data: Float32Array.of(1), dims: [1] },
    };
    feedsBySide.set(side, feeds);
  }
  return runtime.runGraph(STYLE_TRANSFER_GRAPH, feeds);
}
