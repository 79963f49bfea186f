import type { Worker } from 'node:worker_threads';
import { applyLut, type Lut3D, type RgbImage } from '@gradekit/color';
import type { LutApplyJob } from './lut-apply.thread';
import { startReplyThread, threadEntry, type PendingReply, type ThreadEntry } from './reply-threads';

export interface ThreadedLutApplyOptions {
  /** Threads in total, the calling thread included. Default 2. */
  threads?: number;
  /** Images below this many pixels are applied on the calling thread alone (a thread hand-off costs ~1 ms). Default 2 000 000. */
  minPixels?: number;
  /**
   * A module each thread requires before its entry: how a TypeScript entry runs
   * without a build (benches and tests pass `bench/common/ts-register.js`).
   * Built code (`.js`, run with `-r tools/register-dist-paths.js`, which threads
   * inherit) needs none. Without a way to load the entry, every apply stays on
   * the calling thread.
   */
  register?: string;
}

/**
 * `applyLut` with the image split into horizontal bands across threads: the
 * calling thread applies the first band straight into the output while each
 * other band is copied into shared memory, applied in place by a worker
 * thread (the same @gradekit/color kernel: WebAssembly SIMD for 8-bit) and
 * copied back. The result is byte-identical to `applyLut` — the LUT is
 * pointwise, so bands are independent. Workers are started on first use and
 * kept; `close()` ends them (they never keep the process alive).
 *
 * The colour library stays pure (no threads, no I/O); this adapter is the
 * worker app's, like the sharp adapters beside it.
 */
export class ThreadedLutApplier {
  private readonly threads: number;
  private readonly minPixels: number;
  private readonly register?: string;
  private workers: Worker[] | null = null;
  private readonly pending = new Map<number, PendingReply>();
  private nextId = 1;
  /** Shared buffers of finished applies, reused (concurrent applies each take their own). */
  private readonly pool: SharedArrayBuffer[] = [];

  constructor(options: ThreadedLutApplyOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? 2));
    this.minPixels = options.minPixels ?? 2_000_000;
    this.register = options.register;
  }

  /** Whether applies can use more than the calling thread here. */
  get parallel(): boolean {
    return this.threads > 1 && this.entry() !== null;
  }

  /** Same contract as `applyLut(image, lut, { interpolation, out })`; resolves to the graded image. */
  async apply(image: RgbImage, lut: Lut3D, options: { interpolation?: 'tetrahedral' | 'trilinear'; out?: RgbImage['data'] } = {}): Promise<RgbImage> {
    const pixels = image.width * image.height;
    const bands = Math.min(this.threads, image.height);
    if (bands < 2 || pixels < this.minPixels || !this.parallel) return applyLut(image, lut, options);
    const { data, width, height, channels } = image;
    const out = options.out ?? (data instanceof Uint16Array ? new Uint16Array(data.length) : new Uint8Array(data.length));
    if (out.length !== data.length || out.constructor !== data.constructor) throw new RangeError('applyLut: out must have the source buffer’s type and length');
    const workers = this.start();
    const rowBytes = width * channels * data.BYTES_PER_ELEMENT;
    const rowsPer = Math.ceil(height / bands);
    const firstRows = Math.min(rowsPer, height);
    // Shared memory for the bands the workers take (rows firstRows … height).
    const sharedBytes = (height - firstRows) * rowBytes;
    const pooled = this.pool.findIndex((b) => b.byteLength >= sharedBytes);
    const shared = pooled >= 0 ? this.pool.splice(pooled, 1)[0] : new SharedArrayBuffer(sharedBytes);
    const jobs: Promise<void>[] = [];
    const copies: (() => void)[] = [];
    for (let b = 1, row = firstRows; row < height; b++, row += rowsPer) {
      const rows = Math.min(rowsPer, height - row);
      const byteOffset = (row - firstRows) * rowBytes;
      const elements = (rows * rowBytes) / data.BYTES_PER_ELEMENT;
      const from = row * width * channels;
      const view = data instanceof Uint16Array ? new Uint16Array(shared, byteOffset, elements) : new Uint8Array(shared, byteOffset, elements);
      view.set(data.subarray(from, from + elements));
      const job: LutApplyJob = {
        id: this.nextId++,
        buffer: shared,
        byteOffset,
        elements,
        depth: data instanceof Uint16Array ? 16 : 8,
        width,
        rows,
        channels,
        lut: { size: lut.size, data: lut.data, domainMin: lut.domainMin, domainMax: lut.domainMax },
        interpolation: options.interpolation,
      };
      jobs.push(this.send(workers[(b - 1) % workers.length], job));
      copies.push(() => out.set(view, from));
    }
    // The calling thread's own band, while the workers run theirs.
    const head = firstRows * width * channels;
    applyLut(
      { width, height: firstRows, channels, data: data.subarray(0, head) },
      lut,
      { ...options, out: out.subarray(0, head) },
    );
    try {
      await Promise.all(jobs);
      for (const copy of copies) copy();
    } finally {
      if (this.pool.length < 2) this.pool.push(shared);
    }
    return { width, height, channels, data: out };
  }

  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = null;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** The thread entry and how to load it, or null when it cannot be loaded here. */
  private entry(): ThreadEntry | null {
    return threadEntry(__filename, 'lut-apply.thread', this.register);
  }

  private start(): Worker[] {
    if (this.workers) return this.workers;
    const entry = this.entry();
    if (!entry) throw new Error('ThreadedLutApplier: no loadable thread entry');
    this.workers = Array.from({ length: this.threads - 1 }, () => {
      const worker = startReplyThread(entry, this.pending, (error) => this.failAll(error));
      return worker;
    });
    return this.workers;
  }

  private send(worker: Worker, job: LutApplyJob): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    // A broken worker is not reused: the next apply starts fresh ones.
    const workers = this.workers ?? [];
    this.workers = null;
    for (const w of workers) void w.terminate();
  }
}
