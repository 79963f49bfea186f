import { spawn, type ChildProcess } from 'node:child_process';

/** How much of a process's stderr is kept for error messages. */
const STDERR_TAIL_BYTES = 4096;

/** A spawned ffmpeg/ffprobe with its stderr tail and its exit as a promise. */
export type FfmpegProcess = {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal); never rejects (a spawn failure resolves as -1 with the error in `stderr()`). */
  exited: Promise<number | null>;
  /** The last few KB of stderr, trimmed. */
  stderr: () => string;
  kill: () => void;
};

export type SpawnOptions = {
  /** Extra fds after stdio 0–2 (`pipe` each): 3 is the encoder's `-progress`. */
  extraPipes?: number;
  /** stdin: `pipe` (default) or `ignore`. */
  stdin?: 'pipe' | 'ignore';
  signal?: AbortSignal;
};

/**
 * Spawns `command args` (no shell: arguments are never parsed). stderr is drained all the
 * time into a bounded tail, so a chatty process never blocks on a full pipe. An abort
 * signal, or `kill()`, sends SIGKILL: ffmpeg holds no state worth a graceful exit here,
 * and the caller deletes partial outputs.
 */
export function spawnFfmpeg(command: string, args: string[], options: SpawnOptions = {}): FfmpegProcess {
  const stdio: ('pipe' | 'ignore')[] = [options.stdin ?? 'pipe', 'pipe', 'pipe'];
  for (let i = 0; i < (options.extraPipes ?? 0); i++) stdio.push('pipe');
  const child = spawn(command, args, { stdio, windowsHide: true });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const onAbort = (): void => kill();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) kill();
  // A pipe closed by the other side (EPIPE) surfaces as the process's exit status instead.
  child.stdin?.on('error', () => undefined);
  child.stdout?.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      tail = `${tail}\n${error.message}`.slice(-STDERR_TAIL_BYTES);
      resolve(-1);
    });
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve(code);
    });
  });
  return { child, exited, stderr: () => tail.trim(), kill };
}

/** Runs to completion, collecting stdout (small outputs only: ffprobe's JSON). */
export async function runFfmpeg(command: string, args: string[], signal?: AbortSignal): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnFfmpeg(command, args, { stdin: 'ignore', signal });
  const chunks: Buffer[] = [];
  proc.child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  const code = await proc.exited;
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: proc.stderr() };
}
