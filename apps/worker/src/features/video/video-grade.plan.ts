import type { EffectsConfig, FrameStats, Lut3D, LutSchedule, Shot, ShotCut } from '@gradekit/color';
import type { VideoGradeSource, VideoQuality } from '@gradekit/contracts';

/**
 * Everything a grade of a clip needs and nothing it must recompute: the shots and the
 * LUT fitted to each (one shot for `test` and `pro`), the scene changes found, the
 * per-frame schedule (constant within a shot, interpolated across a dissolve — the
 * frames between two shots), the spatial effects (looks) and their seed, and the scale
 * (½ for `test`). /video/test takes its frame's LUT from the same plan, so its frame and
 * the clip's agree.
 */
export interface VideoGradePlan {
  source: VideoGradeSource;
  quality: VideoQuality;
  shots: Shot[];
  luts: Lut3D[];
  cuts: ShotCut[];
  schedule: LutSchedule;
  effects: EffectsConfig | null;
  /** Grain seed of frame 0; frame i draws seed + i, so grain moves from frame to frame and a re-run draws the same. */
  seed: number;
  scale: 1 | 0.5;
  /** The source's per-frame statistics when shot detection measured them (`perfect`); the flicker figure reuses them. */
  sourceStats: FrameStats[] | null;
  /** Frames the fit looked at (reference matches; 0 for presets and looks, whose LUT is not fitted). */
  fitFrames: number;
}

/** A short label of what the clip was graded toward, for results and logs. */
export function sourceLabel(source: VideoGradeSource): string {
  if (source.kind === 'preset') return `preset:${source.preset}`;
  if (source.kind === 'look') return `look:${source.look}`;
  return `reference:${source.method}`;
}
