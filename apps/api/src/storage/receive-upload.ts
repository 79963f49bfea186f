import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@gradekit/contracts';

/** How much more of a refused body is read and discarded before the connection is cut (like nginx's lingering close). */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export function payloadTooLarge(maxBytes: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `Upload is larger than ${maxBytes} bytes`, [{ message: `at most ${maxBytes} bytes`, limit: maxBytes }]);
}

/**
 * Streams a request body into a new file (flag `wx`), never holding more than the
 * streams' buffers in memory, and fails with PAYLOAD_TOO_LARGE as soon as more than
 * maxBytes arrived. The caller owns the file afterwards, also when this fails (a
 * partial file may exist).
 *
 * The request is piped, not put in a pipeline: a pipeline would destroy the request,
 * and with it the socket, on the 413, so the client would never read the answer. Piped,
 * it is unpiped and the rest of the body is read and discarded (see drainRest), which
 * keeps the connection usable. A client that aborts mid-body fails the write instead of
 * leaving it waiting forever.
 */
export async function receiveUpload(req: IncomingMessage, file: string, maxBytes: number): Promise<number> {
  let received = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(received > maxBytes ? payloadTooLarge(maxBytes) : null, chunk);
    },
  });
  const onClose = (): void => {
    if (!req.complete) limiter.destroy(new DomainError('VALIDATION_ERROR', 'The upload was interrupted'));
  };
  const onError = (error: Error): void => {
    limiter.destroy(error);
  };
  req.once('close', onClose);
  req.once('error', onError);
  req.pipe(limiter);
  try {
    await pipeline(limiter, createWriteStream(file, { flags: 'wx' }));
    return received;
  } catch (error) {
    req.unpipe(limiter);
    drainRest(req);
    throw error;
  } finally {
    req.off('close', onClose);
    req.off('error', onError);
  }
}

/**
 * Node discards an unread request body by itself (so the next request on a keep-alive
 * connection can be parsed) only when nobody ever read it; once piped, that is ours to
 * do, or the connection's next request waits behind the unread bytes until it times
 * out. A client that keeps sending long after the refusal is cut off.
 */
function drainRest(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}
