import { parentPort } from 'node:worker_threads';
import { applyEffects, applyLut, type EffectsConfig, type Lut3D } from '@gradekit/color';
import type { ThreadReply } from '../reply-threads';

/** One raw RGB frame in shared memory, graded in place (see frame-apply-pool.ts). */
export type FrameApplyJob = {
  id: number;
  buffer: SharedArrayBuffer;
  depth: 8 | 16;
  width: number;
  height: number;
  /** The LUT's id in the pool; `lut` is sent only when this thread has not got that id. */
  lutId: number;
  lut?: Lut3D;
  /** Spatial effects after the LUT, seeded per frame (grain that moves). */
  effects?: { config: EffectsConfig; seed: number };
};

export type FrameApplyReply = ThreadReply;

// The thread entry: keep the last LUT (a clip's grade changes only at shots and dissolves), apply each frame in place, reply.
if (parentPort) {
  const port = parentPort;
  let current: { id: number; lut: Lut3D } | null = null;
  port.on('message', (job: FrameApplyJob) => {
    try {
      if (job.lut) current = { id: job.lutId, lut: job.lut };
      if (!current || current.id !== job.lutId) throw new Error(`frame apply: LUT ${job.lutId} was never sent to this thread`);
      const data = job.depth === 16 ? new Uint16Array(job.buffer) : new Uint8Array(job.buffer);
      const image = { width: job.width, height: job.height, channels: 3 as const, data };
      applyLut(image, current.lut, { out: data });
      if (job.effects) data.set(applyEffects(image, job.effects.config, { seed: job.effects.seed }).data);
      port.postMessage({ id: job.id } satisfies FrameApplyReply);
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies FrameApplyReply);
    }
  });
}
