/**
 * The grain seed of a task: the caller's `seed` when given, else a 32-bit FNV-1a
 * hash of the task id. Deterministic per task, so a retried or re-run task draws
 * exactly the same grain (handlers are idempotent), while every new call — a new
 * task id — draws a fresh pattern, as a new frame of film would.
 */
export function effectsSeedOf(task: { id: string; params: { seed?: number } }): number {
  const given = task.params.seed;
  if (typeof given === 'number' && Number.isInteger(given) && given >= 0 && given <= 0xffffffff) return given;
  let hash = 0x811c9dc5;
  for (let i = 0; i < task.id.length; i++) {
    hash ^= task.id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
