/**
 * A request's `Range` header against an object of `size` bytes (RFC 9110 §14), for the
 * local storage route (S3 answers ranges itself). Only one range is served: a
 * multi-range request, a malformed header or another unit is ignored (a full 200, which
 * the RFC allows), so browsers seeking in a video — always one `bytes=` range — get 206.
 */
export interface SatisfiableRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export type RangeAnswer = SatisfiableRange | 'unsatisfiable' | null;

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return null;
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // bytes=-N: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const lastByte = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(lastByte) || lastByte < start) return null; // invalid: ignore it
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(lastByte, size - 1) };
}
