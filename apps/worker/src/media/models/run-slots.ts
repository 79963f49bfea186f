/**
 * At most `size` model runs at once on a device, the rest waiting in arrival order. A
 * waiter whose signal aborts (the worker handing its job back at shutdown) leaves the
 * queue with the signal's reason instead of running.
 */
export class RunSlots {
  private active = 0;
  private readonly waiting: { start: () => void }[] = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`run slots must be a positive integer, got ${size}`);
  }

  /** Runs waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async with<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    if (this.active >= this.size) await this.wait(signal);
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start(); // the slot passes straight on: `active` stays the same
      else this.active -= 1;
    }
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }
}
