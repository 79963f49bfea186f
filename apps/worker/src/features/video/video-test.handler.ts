import { Injectable } from '@nestjs/common';
import { applyEffects, writeCube } from '@gradekit/color';
import { taskOutputKey } from '@gradekit/storage';
import { FullImageLut } from '../../media/full-image-lut.service';
import { VideoFramesReader } from '../../media/video/video-frames.reader';
import { ImageOutputService } from '../../output/image-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { sourceLabel } from './video-grade.plan';
import { VideoGradePlanner } from './video-grade.planner';
import { VideoScratch } from './video-scratch';
import { VideoSourceLoader } from './video-source.loader';

/**
 * `video_test` (1 credit, pro+): one frame graded exactly as the clip would be — the same
 * planner fits the same LUT(s) for the same quality, and the frame gets the LUT of its own
 * shot (and its grain, seeded as in the clip). Stored as PNG so what the user judges is the
 * grade, not a second lossy encode.
 */
@Injectable()
@TaskHandler()
export class VideoTestHandler implements OperationHandler<'video_test'> {
  readonly op = 'video_test' as const;

  constructor(
    private readonly scratch: VideoScratch,
    private readonly loader: VideoSourceLoader,
    private readonly planner: VideoGradePlanner,
    private readonly frames: VideoFramesReader,
    private readonly fullLut: FullImageLut,
    private readonly output: ImageOutputService,
  ) {}

  run(ctx: HandlerContext<'video_test'>): Promise<HandlerOutcome<'video_test'>> {
    const { source, quality, timestamp, limits } = ctx.task.params;
    return this.scratch.use(ctx.task.id, async (dir) => {
      const video = await this.loader.load(ctx, dir, limits);
      await ctx.reportProgress(10);
      const plan = await this.planner.plan(ctx, video.path, video.probe, source, quality);
      const frame = await this.frames.readFrame(video.path, video.probe, timestamp ?? 0, { scale: plan.scale, signal: ctx.signal });
      await ctx.reportProgress(60);
      const lut = plan.schedule.lutAt(frame.frame_index);
      let image = await this.fullLut.apply(frame.image, lut);
      if (plan.effects) image = applyEffects(image, plan.effects, { seed: (plan.seed + frame.frame_index) >>> 0 });
      const { result, history } = await this.output.store(ctx.storage, ctx.task, image, 'png');
      const lutKey = taskOutputKey(ctx.task.userId, 'luts', ctx.task.id, 'cube');
      await ctx.storage.put(lutKey, Buffer.from(writeCube(lut, { title: lut.title ?? 'Gradekit video grade' })), 'text/plain; charset=utf-8').catch(async (error: unknown) => {
        // No image without the LUT it names: a failed task leaves nothing in the owner's namespace.
        await Promise.all([ctx.storage.delete(result.key), ctx.storage.delete(result.thumbnail_key)]).catch(() => undefined);
        throw error;
      });
      return {
        result: { ...result, timestamp: frame.time_s, frame_index: frame.frame_index, quality, source: sourceLabel(source), lut_key: lutKey },
        history: { ...history, lutKey },
      };
    });
  }
}
