import { statsDistance, type FrameStats } from './frame-stats';

/** A scene change. A cut: `frame` is the first frame of the new shot, end_frame = frame. A dissolve spans frame … end_frame (inclusive), the frames that blend the two shots. */
export type ShotCut = { frame: number; time_s: number; kind: 'cut' | 'dissolve'; end_frame: number };

/** A run of frames between scene changes (inclusive); a dissolve's frames belong to no shot. */
export type Shot = { index: number; start_frame: number; end_frame: number };

export type ShotDetectOptions = {
  /** Histogram distance (0…1) between consecutive frames that is a hard cut. Default 0.35. */
  cutThreshold?: number;
  /**
   * Consecutive distance above which a run of frames may be a gradual transition (the
   * twin-comparison method's low threshold). Default: the larger of 0.02 and 4 × the clip's
   * median consecutive distance, so a shot's own motion does not open a run.
   */
  gradualThreshold?: number;
  /** A run is a dissolve when its first and last frame are at least this far apart. Default 0.3. */
  dissolveThreshold?: number;
  /** No scene change within this many frames of the previous one (PySceneDetect's min_scene_len). Default 15. */
  minShotFrames?: number;
  /** Runs longer than this are camera motion or a fade of a whole shot, not a dissolve. Default 90 frames. */
  maxDissolveFrames?: number;
};

export const SHOT_DETECT_DEFAULTS = { cutThreshold: 0.35, gradualMin: 0.02, gradualMedianFactor: 4, dissolveThreshold: 0.3, minShotFrames: 15, maxDissolveFrames: 90 } as const;

/**
 * Cuts and dissolves from per-frame statistics (every frame of the clip, in order), by
 * Zhang, Kankanhalli & Smoliar's twin comparison on 64-bin colour histograms:
 *  - a consecutive distance ≥ cutThreshold is a cut;
 *  - a run of consecutive distances ≥ the low threshold whose first and last frames are
 *    ≥ dissolveThreshold apart (but no single step is a cut) is a dissolve over the run;
 *  - nothing closer than minShotFrames to the previous change (flashes, strobes).
 * For reference, PySceneDetect's ContentDetector thresholds HSV differences at 27 with 15
 * frames minimum per scene; ffmpeg's scdet defaults to 10 (of 100). Thresholds here are
 * on a different measure (histogram distance, 0…1) and were set on synthetic clips
 * (apps/worker/src/media/video/video-shots.int.spec.ts).
 */
export function detectShots(stats: readonly FrameStats[], fps: number, options: ShotDetectOptions = {}): { cuts: ShotCut[]; shots: Shot[] } {
  const n = stats.length;
  const cutT = options.cutThreshold ?? SHOT_DETECT_DEFAULTS.cutThreshold;
  const dissolveT = options.dissolveThreshold ?? SHOT_DETECT_DEFAULTS.dissolveThreshold;
  const minShot = options.minShotFrames ?? SHOT_DETECT_DEFAULTS.minShotFrames;
  const maxRun = options.maxDissolveFrames ?? SHOT_DETECT_DEFAULTS.maxDissolveFrames;
  const d = new Float64Array(n);
  for (let i = 1; i < n; i++) d[i] = statsDistance(stats[i - 1], stats[i]);
  const lowT = options.gradualThreshold ?? Math.max(SHOT_DETECT_DEFAULTS.gradualMin, SHOT_DETECT_DEFAULTS.gradualMedianFactor * median(d.subarray(1)));
  const cuts: ShotCut[] = [];
  const time = (frame: number): number => Math.round((frame / fps) * 1e6) / 1e6;
  let lastChange = 0;
  let i = 1;
  while (i < n) {
    if (i - lastChange < minShot) {
      i++;
      continue;
    }
    if (d[i] >= cutT) {
      cuts.push({ frame: i, time_s: time(i), kind: 'cut', end_frame: i });
      lastChange = i;
      i++;
      continue;
    }
    if (d[i] >= lowT) {
      let j = i;
      while (j + 1 < n && d[j + 1] >= lowT && d[j + 1] < cutT && j + 1 - i < maxRun) j++;
      const runIsShort = j - i + 1 <= maxRun;
      // Frames i … j−1 blend the two shots; the step into frame j is the run's last change, so j is the new shot's first frame.
      if (runIsShort && j > i && statsDistance(stats[i - 1], stats[j]) >= dissolveT) {
        cuts.push({ frame: i, time_s: time(i), kind: 'dissolve', end_frame: j - 1 });
        lastChange = j;
        i = j + 1;
        continue;
      }
      i = j + 1;
      continue;
    }
    i++;
  }
  return { cuts, shots: shotsBetween(cuts, n) };
}

/** The shots a cut list leaves (a dissolve's frames belong to neither neighbour). */
export function shotsBetween(cuts: readonly ShotCut[], frameCount: number): Shot[] {
  const shots: Shot[] = [];
  let start = 0;
  for (const c of cuts) {
    if (c.frame - 1 >= start) shots.push({ index: shots.length, start_frame: start, end_frame: c.frame - 1 });
    start = c.kind === 'cut' ? c.frame : c.end_frame + 1;
  }
  if (frameCount - 1 >= start) shots.push({ index: shots.length, start_frame: start, end_frame: frameCount - 1 });
  return shots;
}

function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
