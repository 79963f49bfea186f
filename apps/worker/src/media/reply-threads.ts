import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** A job sent to a thread, settled when the thread replies with the job's id. */
export type PendingReply = { resolve: () => void; reject: (error: Error) => void };

/** What every apply thread answers: the job's id, and an error message when it failed. */
export type ThreadReply = { id: number; error?: string };

/** How to start a thread entry file that sits beside `callerFile`, or null when it cannot run here. */
export type ThreadEntry = { file: string; eval: boolean };

/**
 * The entry `<name>.js` next to the built caller; from TypeScript (tests, benches) the same
 * entry as `.ts`, loaded through `register` (bench/common/ts-register.js). Without a register
 * a `.ts` entry cannot run: null, and the caller applies on its own thread.
 */
export function threadEntry(callerFile: string, name: string, register: string | undefined): ThreadEntry | null {
  const ext = path.extname(callerFile);
  const file = path.join(path.dirname(callerFile), `${name}${ext}`);
  if (ext === '.js') return { file, eval: false };
  if (!register) return null;
  return { file: `require(${JSON.stringify(register)}); require(${JSON.stringify(file)});`, eval: true };
}

/**
 * Starts one thread that settles `pending` replies by id and hands any thread error to
 * `onError` (the caller fails what is pending and starts fresh threads next time). Threads
 * never keep the process alive.
 */
export function startReplyThread(entry: ThreadEntry, pending: Map<number, PendingReply>, onError: (error: Error) => void): Worker {
  const worker = new Worker(entry.file, { eval: entry.eval });
  worker.unref();
  worker.on('message', (reply: ThreadReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.error) p.reject(new Error(reply.error));
    else p.resolve();
  });
  worker.on('error', onError);
  return worker;
}
