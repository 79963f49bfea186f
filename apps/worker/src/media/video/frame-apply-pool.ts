import type { Worker } from 'node:worker_threads';
import { applyEffects, applyLut, type EffectsConfig, type Lut3D } from '@gradekit/color';
import { startReplyThread, threadEntry, type PendingReply, type ThreadEntry } from '../reply-threads';
import type { FrameApplyJob } from './frame-apply.thread';

export type FrameApplyPoolOptions = {
  /** Threads that apply frames. The calling thread applies none while threads exist: it moves bytes between the pipes. */
  threads?: number;
  /**
   * A module each thread requires before its entry, for a TypeScript entry without a build
   * (tests and benches pass `bench/common/ts-register.js`), as ThreadedLutApplier's option.
   * Without a loadable entry, frames are applied on the calling thread.
   */
  register?: string;
};

/** Nest token of the `register` module path (optional; tests and benches provide it). */
export const FRAME_THREAD_REGISTER = Symbol('FRAME_THREAD_REGISTER');


/**
 * Grades whole frames that live in SharedArrayBuffers, each on one worker thread, in
 * place: no copy in, no copy out. Unlike ThreadedLutApplier (which splits one image into
 * bands and applies the first band on the calling thread), a frame goes to one thread and
 * the calling thread applies nothing — in a pipe-to-pipe pipeline the calling thread must
 * stay free to read the decoder and feed the encoder, or both wait while it computes.
 * Several frames in flight use several threads. Threads are started on first use;
 * `close()` ends them.
 */
export class FrameApplyPool {
  private readonly threads: number;
  private readonly register?: string;
  private workers: { worker: Worker; lutId: number; busy: number }[] | null = null;
  private readonly pending = new Map<number, PendingReply>();
  private readonly lutIds = new WeakMap<Lut3D, number>();
  private nextLutId = 1;
  private nextId = 1;

  constructor(options: FrameApplyPoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? 1));
    this.register = options.register;
  }

  /** Whether frames are graded off the calling thread. */
  get threaded(): boolean {
    return this.entry() !== null;
  }

  /** Applies `lut` (then `effects`, seeded) to the rgb24/rgb48le frame in `buffer`, in place. */
  apply(buffer: SharedArrayBuffer, frame: { width: number; height: number; depth: 8 | 16 }, lut: Lut3D, effects?: { config: EffectsConfig; seed: number }): Promise<void> {
    if (!this.threaded) {
      const data = frame.depth === 16 ? new Uint16Array(buffer) : new Uint8Array(buffer);
      const image = { width: frame.width, height: frame.height, channels: 3 as const, data };
      applyLut(image, lut, { out: data });
      if (effects) data.set(applyEffects(image, effects.config, { seed: effects.seed }).data);
      return Promise.resolve();
    }
    const workers = this.start();
    // The least busy thread; ties go to the one that already holds this LUT.
    const lutId = this.idOf(lut);
    const slot = workers.reduce((best, w) => (w.busy < best.busy || (w.busy === best.busy && w.lutId === lutId && best.lutId !== lutId) ? w : best));
    const job: FrameApplyJob = { id: this.nextId++, buffer, depth: frame.depth, width: frame.width, height: frame.height, lutId, ...(effects ? { effects } : {}) };
    if (slot.lutId !== lutId) {
      job.lut = { size: lut.size, data: lut.data, domainMin: lut.domainMin, domainMax: lut.domainMax };
      slot.lutId = lutId;
    }
    slot.busy++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      slot.worker.postMessage(job);
    }).finally(() => {
      slot.busy--;
    });
  }

  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = null;
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private idOf(lut: Lut3D): number {
    let id = this.lutIds.get(lut);
    if (id === undefined) {
      id = this.nextLutId++;
      this.lutIds.set(lut, id);
    }
    return id;
  }

  /** The thread entry and how to load it (the same rule as ThreadedLutApplier's), or null. */
  private entry(): ThreadEntry | null {
    return threadEntry(__filename, 'frame-apply.thread', this.register);
  }

  private start(): { worker: Worker; lutId: number; busy: number }[] {
    if (this.workers) return this.workers;
    const entry = this.entry();
    if (!entry) throw new Error('FrameApplyPool: no loadable thread entry');
    this.workers = Array.from({ length: this.threads }, () => {
      const worker = startReplyThread(entry, this.pending, (error) => this.failAll(error));
      return { worker, lutId: 0, busy: 0 };
    });
    return this.workers;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    // A broken thread is not reused: the next apply starts fresh ones.
    const workers = this.workers ?? [];
    this.workers = null;
    for (const w of workers) void w.worker.terminate();
  }
}
