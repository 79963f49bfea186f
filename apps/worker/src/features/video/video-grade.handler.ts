import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { flickerExcess } from '@gradekit/color';
import { DomainError, videoGradeCredits, type VideoGradeResult } from '@gradekit/contracts';
import { taskOutputKey } from '@gradekit/storage';
import { ImageEncoder } from '../../media/image-encoder';
import { VideoFramesReader } from '../../media/video/video-frames.reader';
import { VideoGrader } from '../../media/video/video-grader';
import { probeBody } from '../../media/video/video-probe';
import { VideoProber } from '../../media/video/video-prober';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { sourceLabel } from './video-grade.plan';
import { VideoGradePlanner } from './video-grade.planner';
import { VideoLutStore } from './video-lut.store';
import { VideoScratch } from './video-scratch';
import { VideoSourceLoader } from './video-source.loader';

/** Where progress stands at each stage: download + probe, fit, grade (ffmpeg's frames), store. */
const PROGRESS = { probed: 2, planned: 10, graded: 92 } as const;

/**
 * `video_grade` (pro+, per second by quality): the whole clip.
 *  1. Download into the job's scratch folder, probe, check the plan's limits.
 *  2. Reconcile the charge made from the client's `duration` with ffprobe's (once per task).
 *  3. Plan (fit per tier), grade as a stream (decoder → LUT → encoder, audio copied), with
 *     ffmpeg's progress on the task.
 *  4. Measure the flicker the grade added, store the video, its thumbnail and the LUT(s).
 * Nothing is stored before the grade has finished, so a worker killed mid-grade leaves no
 * partial output; the re-run on another worker writes the same keys.
 */
@Injectable()
@TaskHandler()
export class VideoGradeHandler implements OperationHandler<'video_grade'> {
  readonly op = 'video_grade' as const;

  constructor(
    private readonly scratch: VideoScratch,
    private readonly loader: VideoSourceLoader,
    private readonly planner: VideoGradePlanner,
    private readonly grader: VideoGrader,
    private readonly prober: VideoProber,
    private readonly frames: VideoFramesReader,
    private readonly encoder: ImageEncoder,
    private readonly luts: VideoLutStore,
  ) {}

  run(ctx: HandlerContext<'video_grade'>): Promise<HandlerOutcome<'video_grade'>> {
    const { source, quality, limits } = ctx.task.params;
    return this.scratch.use(ctx.task.id, async (dir) => {
      const video = await this.loader.load(ctx, dir, limits);
      const price = videoGradeCredits(video.probe.duration_s, quality);
      const reconciled = await ctx.reconcileCredits(price);
      if (!reconciled.ok) {
        throw new DomainError('INSUFFICIENT_CREDITS', `The video lasts ${video.probe.duration_s.toFixed(2)} s and costs ${price} credits; ${reconciled.charged} were charged and your balance cannot cover the other ${reconciled.needed}`, [
          { field: 'duration', message: 'the reported duration was shorter than the video', required: reconciled.needed, balance: reconciled.balance },
        ]);
      }
      await ctx.reportProgress(PROGRESS.probed);

      const plan = await this.planner.plan(ctx, video.path, video.probe, source, quality);
      await ctx.reportProgress(PROGRESS.planned);

      const format = await this.grader.outputFormat(video.probe);
      const outputPath = path.join(dir, `graded.${format.extension}`);
      let reported = -1;
      const graded = await this.grader.grade({
        inputPath: video.path,
        outputPath,
        probe: video.probe,
        lut: plan.luts.length === 1 ? plan.luts[0] : (frame) => plan.schedule.lutAt(frame),
        effects: plan.effects ? { config: plan.effects, seed: plan.seed } : undefined,
        // A moving grain survives the encoder only with its film-grain tuning (else CRF 18 smooths most of it away).
        encode: (plan.effects?.grain?.amount ?? 0) > 0 ? { tune: 'grain' } : undefined,
        scale: plan.scale,
        signal: ctx.signal,
        onProgress: (p) => {
          const percent = Math.floor(PROGRESS.planned + ((PROGRESS.graded - PROGRESS.planned) * p.percent) / 100);
          if (percent > reported) {
            reported = percent;
            void ctx.reportProgress(percent);
          }
        },
      });

      const outputProbe = await this.prober.probe(outputPath, { signal: ctx.signal, tailCheck: false });
      const [sourceStats, gradedStats] = await Promise.all([
        plan.sourceStats ?? this.frames.scan(video.path, video.probe, { signal: ctx.signal }),
        this.frames.scan(outputPath, outputProbe, { signal: ctx.signal }),
      ]);
      const flicker = flickerExcess(sourceStats, gradedStats, plan.shots);

      const thumbnailFrame = await this.frames.readFrame(outputPath, outputProbe, outputProbe.duration_s / 2, { signal: ctx.signal });
      const videoKey = taskOutputKey(ctx.task.userId, 'results', ctx.task.id, format.extension);
      const thumbnailKey = taskOutputKey(ctx.task.userId, 'thumbnails', ctx.task.id, 'jpg');
      const written: string[] = [];
      const stored = await (async () => {
        const file = await ctx.storage.putFile(videoKey, outputPath, format.contentType);
        written.push(videoKey);
        await ctx.storage.put(thumbnailKey, await this.encoder.thumbnail(thumbnailFrame.image), 'image/jpeg');
        written.push(thumbnailKey);
        const luts = await this.luts.store(ctx.storage, ctx.task, plan, video.probe.video.fps, dir, written);
        return { file, luts };
      })().catch(async (error: unknown) => {
        // All or nothing: a task that fails here leaves none of its files behind.
        await Promise.all(written.map((key) => ctx.storage.delete(key).catch(() => undefined)));
        throw error;
      });

      const fps = video.probe.video.fps;
      const result: VideoGradeResult = {
        key: videoKey,
        bytes: stored.file.bytes,
        content_type: format.contentType,
        quality,
        source: sourceLabel(source),
        probe: probeBody(outputProbe),
        source_probe: probeBody(video.probe),
        cuts: plan.cuts.map((c) => ({ frame: c.frame, time_s: c.time_s, kind: c.kind, end_frame: c.end_frame })),
        shots: plan.shots.map((s, k) => ({ index: s.index, start_frame: s.start_frame, end_frame: s.end_frame, start_s: round(s.start_frame / fps), end_s: round((s.end_frame + 1) / fps), lut_key: stored.luts.shotLutKeys[k] ?? stored.luts.lutKey })),
        lut_key: stored.luts.lutKey,
        lut_keys: stored.luts.shotLutKeys,
        frames: graded.frames,
        fit_frames: plan.fitFrames,
        encoder: graded.encoder,
        processing_fps: graded.fps,
        flicker_delta_l: round(flicker),
        credits_charged: reconciled.charged,
        credits_reconciled: reconciled.adjustment,
        thumbnail_key: thumbnailKey,
      };
      return {
        result,
        history: { op: ctx.task.op, params: ctx.task.params, inputKeys: ctx.task.inputs, outputKey: videoKey, thumbnailKey, lutKey: stored.luts.lutKey },
      };
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
