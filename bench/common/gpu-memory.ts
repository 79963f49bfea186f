import { execFileSync } from 'node:child_process';

/** nvidia-smi's used memory of the first GPU in MiB, or null without a GPU (or without nvidia-smi). */
export function gpuUsedMb(): number | null {
  try {
    return Number(execFileSync('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits'], { encoding: 'utf8' }).split('\n')[0]);
  } catch {
    return null;
  }
}
