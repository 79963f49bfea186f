/** One reusable raw-frame buffer: shared memory (the apply threads write into it in place) and a Buffer view of it for the pipes. */
export type FrameSlot = { buffer: SharedArrayBuffer; bytes: Buffer };

/**
 * A fixed set of frame buffers — the grader's whole frame memory. `take()` waits while
 * every buffer is in use (that wait is the back-pressure on the decoder: its stdout is not
 * read meanwhile); an abort rejects the waiters.
 */
export class FrameSlots {
  private readonly free: FrameSlot[] = [];
  private readonly waiters: { resolve: (slot: FrameSlot) => void; reject: (error: unknown) => void }[] = [];

  constructor(frameBytes: number, count: number, private readonly signal: AbortSignal) {
    for (let i = 0; i < count; i++) {
      const buffer = new SharedArrayBuffer(frameBytes);
      this.free.push({ buffer, bytes: Buffer.from(buffer) });
    }
    signal.addEventListener('abort', () => {
      for (const w of this.waiters.splice(0)) w.reject(signal.reason);
    }, { once: true });
  }

  take(): Promise<FrameSlot> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    const slot = this.free.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  give(slot: FrameSlot): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(slot);
    else this.free.push(slot);
  }
}
