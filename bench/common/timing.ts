/** Median wall time (ms) of `reps` runs after `warmup` untimed runs. */
export async function medianMs(fn: () => unknown | Promise<unknown>, reps = 5, warmup = 1): Promise<number> {
  return (await measure(fn, reps, warmup)).wallMs;
}

export interface Timing {
  /** Median wall-clock time, ms. */
  wallMs: number;
  /**
   * Median CPU time of the process (all threads, user + system), ms. On a
   * shared VM this is the steadier figure for single-threaded compute: time
   * the scheduler gave to other tenants does not count.
   */
  cpuMs: number;
  /** Fastest wall-clock run, ms. */
  minWallMs: number;
}

/** Wall and CPU time medians of `reps` runs after `warmup` untimed runs. */
export async function measure(fn: () => unknown | Promise<unknown>, reps = 5, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return { wallMs: median(wall), cpuMs: median(cpu), minWallMs: Math.min(...wall) };
}
