import { Injectable } from '@nestjs/common';
import { detectShots, lutSchedule, matchColors, type FrameStats, type Lut3D, type RgbImage, type Shot, type ShotCut } from '@gradekit/color';
import { DomainError, type VideoGradeSource, type VideoQuality } from '@gradekit/contracts';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { VideoFramesReader } from '../../media/video/video-frames.reader';
import type { VideoProbe } from '../../media/video/video-probe';
import type { HandlerContext } from '../../operations/operation-handler';
import { effectsSeedOf } from '../grading/effects-seed';
import { lookRenderPlan } from '../grading/look.plan';
import { presetLut } from '../grading/preset-lut';
import { toEngineMatchParams } from '../match/match-params.mapper';
import { gridLayout, sampleFrames, tileFrames } from './frame-grid';
import type { VideoGradePlan } from './video-grade.plan';

/** Frames sampled across the clip for `pro`, and at most per shot for `perfect`. */
export const CLIP_FIT_FRAMES = 8;
export const SHOT_FIT_FRAMES = 6;

type VideoGradeOp = 'video_test' | 'video_grade';

/**
 * How a clip is graded, shared by /video/test and /video/grade (so the test frame gets the
 * LUT the clip gets):
 *  - a preset or a look is not fitted: its LUT is the same on every frame (a look adds its
 *    spatial effects, seeded by the video's key so the test frame draws the clip's grain);
 *  - a reference is matched by the colour engine on frames of the clip tiled into one fit
 *    image: `test` the middle frame, `pro` frames sampled across the whole clip, `perfect`
 *    frames sampled inside each detected shot (one fit per shot).
 * `perfect` always detects shots (on a downscaled decode of every frame) and reports the cuts;
 * for presets and looks every shot gets the same LUT, so the schedule is still constant.
 */
@Injectable()
export class VideoGradePlanner {
  constructor(
    private readonly frames: VideoFramesReader,
    private readonly decoder: ImageDecoder,
  ) {}

  async plan(ctx: HandlerContext<VideoGradeOp>, file: string, probe: VideoProbe, source: VideoGradeSource, quality: VideoQuality): Promise<VideoGradePlan> {
    const frameCount = Math.max(1, probe.video.frame_count ?? Math.round(probe.video.duration_s * probe.video.fps));
    let shots: Shot[] = [{ index: 0, start_frame: 0, end_frame: frameCount - 1 }];
    let cuts: ShotCut[] = [];
    let sourceStats: FrameStats[] | null = null;
    if (quality === 'perfect') {
      const stats = await this.frames.scan(file, probe, { signal: ctx.signal });
      sourceStats = stats;
      const detected = detectShots(stats, probe.video.fps);
      cuts = detected.cuts;
      if (detected.shots.length > 0) shots = detected.shots;
    }
    const seed = effectsSeedOf({ id: ctx.task.inputs.video ?? ctx.task.id, params: {} });
    const base = { source, quality, shots, cuts, seed, sourceStats, scale: quality === 'test' ? (0.5 as const) : (1 as const) };

    if (source.kind === 'preset') {
      const lut = presetLut(source.preset, source.intensity);
      return { ...base, luts: shots.map(() => lut), schedule: lutSchedule(shots, shots.map(() => lut)), effects: null, fitFrames: 0 };
    }
    if (source.kind === 'look') {
      const look = lookRenderPlan({ look: source.look, intensity: source.intensity });
      return { ...base, luts: shots.map(() => look.lut), schedule: lutSchedule(shots, shots.map(() => look.lut)), effects: look.effects, fitFrames: 0 };
    }

    const reference = await this.referenceProxy(ctx);
    const perShot = quality === 'perfect' ? SHOT_FIT_FRAMES : quality === 'pro' ? CLIP_FIT_FRAMES : 1;
    const luts: Lut3D[] = [];
    let fitFrames = 0;
    for (const shot of shots) {
      const indices = quality === 'test' ? [Math.floor((shot.start_frame + shot.end_frame) / 2)] : sampleFrames(shot.start_frame, shot.end_frame, perShot);
      const { tileSide } = gridLayout(indices.length);
      const sampled = await this.frames.readFrames(file, probe, indices.map((i) => i / probe.video.fps), { maxSide: tileSide, signal: ctx.signal });
      fitFrames += sampled.length;
      luts.push(this.fit(tileFrames(sampled.map((f) => f.image)), reference, source));
      await ctx.reportProgress(Math.min(9, 2 + (7 * luts.length) / shots.length));
    }
    return { ...base, luts, schedule: lutSchedule(shots, luts), effects: null, fitFrames };
  }

  private async referenceProxy(ctx: HandlerContext<VideoGradeOp>): Promise<RgbImage> {
    const bytes = await ctx.loadInput('reference');
    return (await this.decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE)).proxy;
  }

  private fit(target: RgbImage, reference: RgbImage, source: Extract<VideoGradeSource, { kind: 'reference' }>): Lut3D {
    try {
      return matchColors(target, reference, { method: source.method, params: toEngineMatchParams(source.params), title: `gradekit video match (${source.method})` }).lut;
    } catch (error) {
      if (error instanceof RangeError) throw DomainError.validation(error.message, [{ field: 'params', message: error.message }]);
      throw error;
    }
  }
}
