import { parentPort } from 'node:worker_threads';
import { applyLut, type Lut3D } from '@gradekit/color';
import type { ThreadReply } from './reply-threads';

/** One band of an image in shared memory, applied in place (see lut-apply-threads.ts). */
export interface LutApplyJob {
  id: number;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  /** Length of the band in elements (bytes for 8-bit, 16-bit words for 16-bit). */
  elements: number;
  depth: 8 | 16;
  width: number;
  rows: number;
  channels: 3 | 4;
  lut: Lut3D;
  interpolation?: 'tetrahedral' | 'trilinear';
}

/** One reply per job, by id (reply-threads.ts settles it). */
export type LutApplyReply = ThreadReply;

// The thread entry: apply each job's band in place and reply.
if (parentPort) {
  const port = parentPort;
  port.on('message', (job: LutApplyJob) => {
    try {
      const data = job.depth === 16 ? new Uint16Array(job.buffer, job.byteOffset, job.elements) : new Uint8Array(job.buffer, job.byteOffset, job.elements);
      applyLut({ width: job.width, height: job.rows, channels: job.channels, data }, job.lut, { out: data, interpolation: job.interpolation });
      port.postMessage({ id: job.id } satisfies LutApplyReply);
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies LutApplyReply);
    }
  });
}
