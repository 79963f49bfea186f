import { createHash } from 'node:crypto';

/**
 * The last few references a worker prepared, by owner and the SHA-256 of their bytes.
 * A colourist matches shot after shot to one reference, each call its own job, and
 * the reference's proxy decode and colour-gap profile (≈ 35–55 ms of CPU per job) come
 * out the same every time. Keyed by content, so the same file under any storage key
 * shares an entry and nothing derived from one file is served for another; keyed by
 * owner too, so one tenant's calls cannot time whether another used the same image.
 * A failed preparation is not kept (the next call tries again and reports its own error).
 */
export class ReferenceCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly capacity: number) {}

  /** The entry for these bytes, made by `prepare` on a miss; the least recently used one goes when full. */
  get(ownerId: string, bytes: Buffer, prepare: () => Promise<V>): Promise<V> {
    const key = `${ownerId}:${createHash('sha256').update(bytes).digest('hex')}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-inserted: Map order is the recency order
      this.entries.set(key, hit);
      return hit;
    }
    const made = prepare();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}
