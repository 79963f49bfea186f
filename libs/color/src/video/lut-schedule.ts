import type { Lut3D } from '../lut/lut3d';
import type { Shot } from './shot-detect';

/** (1 − t)·a + t·b, node by node. The LUTs must share size and domain (one bake setting per clip). */
export function blendLuts(a: Lut3D, b: Lut3D, t: number): Lut3D {
  if (a.size !== b.size || a.data.length !== b.data.length) throw new RangeError(`blendLuts: sizes differ (${a.size} vs ${b.size})`);
  for (let c = 0; c < 3; c++) {
    if (a.domainMin[c] !== b.domainMin[c] || a.domainMax[c] !== b.domainMax[c]) throw new RangeError('blendLuts: domains differ');
  }
  const w = Math.min(1, Math.max(0, t));
  if (w === 0) return a;
  if (w === 1) return b;
  const data = new Float32Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = a.data[i] + w * (b.data[i] - a.data[i]);
  return { size: a.size, data, domainMin: [...a.domainMin], domainMax: [...a.domainMax] };
}

/** Which LUT each frame of a clip gets. */
export type LutSchedule = { lutAt(frameIndex: number): Lut3D };

/**
 * The per-frame grade of a `perfect` clip: shot k's LUT on every frame of shot k (constant
 * within a shot — nothing flickers); frames between two shots (a dissolve) get the two
 * LUTs blended linearly, t going from 1/(g+1) to g/(g+1) over the g frames; frames before
 * the first shot or after the last get the nearest shot's LUT. `luts[k]` belongs to
 * `shots[k]`; shots are in order and do not overlap. The same object is returned for
 * every frame of a shot (the grader sends a LUT to its threads once per change).
 */
export function lutSchedule(shots: readonly Shot[], luts: readonly Lut3D[]): LutSchedule {
  if (shots.length === 0 || shots.length !== luts.length) throw new RangeError(`lutSchedule: ${shots.length} shots need as many LUTs (got ${luts.length})`);
  let cache: { frame: number; lut: Lut3D } | null = null;
  return {
    lutAt(frame: number): Lut3D {
      // Binary search: the last shot starting at or before the frame.
      let lo = 0;
      let hi = shots.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (shots[mid].start_frame <= frame) lo = mid;
        else hi = mid - 1;
      }
      const shot = shots[lo];
      if (frame < shot.start_frame || frame <= shot.end_frame || lo === shots.length - 1) return luts[lo];
      const next = shots[lo + 1];
      if (cache?.frame === frame) return cache.lut;
      const gap = next.start_frame - shot.end_frame;
      const lut = blendLuts(luts[lo], luts[lo + 1], (frame - shot.end_frame) / gap);
      cache = { frame, lut };
      return lut;
    },
  };
}
