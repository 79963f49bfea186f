import type { FrameStats } from './frame-stats';
import type { Shot } from './shot-detect';

/** The largest frame-to-frame change of mean L* between consecutive frames of the same shot (ΔL*). */
export function meanLightnessFlicker(stats: readonly FrameStats[], shots: readonly Shot[]): number {
  let worst = 0;
  for (const s of shots) {
    for (let i = s.start_frame + 1; i <= Math.min(s.end_frame, stats.length - 1); i++) worst = Math.max(worst, Math.abs(stats[i].mean_l - stats[i - 1].mean_l));
  }
  return worst;
}

/**
 * How much a grade adds to the source's own frame-to-frame change of mean L*, at worst,
 * inside shots: max over frames of |ΔL*graded| − |ΔL*source| (≤ 0 when the grade adds none).
 * The bound the video grade holds is 0.5 ΔL*. Both lists are of the same frames.
 */
export function flickerExcess(source: readonly FrameStats[], graded: readonly FrameStats[], shots: readonly Shot[]): number {
  const n = Math.min(source.length, graded.length);
  let worst = Number.NEGATIVE_INFINITY;
  for (const s of shots) {
    for (let i = s.start_frame + 1; i <= Math.min(s.end_frame, n - 1); i++) {
      const g = Math.abs(graded[i].mean_l - graded[i - 1].mean_l);
      const src = Math.abs(source[i].mean_l - source[i - 1].mean_l);
      worst = Math.max(worst, g - src);
    }
  }
  return Number.isFinite(worst) ? worst : 0;
}
