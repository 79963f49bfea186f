import { Injectable } from '@nestjs/common';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { probeBody } from '../../media/video/video-probe';
import { VideoScratch } from './video-scratch';
import { VideoSourceLoader } from './video-source.loader';

/** `video_probe` (free): the check after an upload — ffprobe, a decode of the last second, the plan's limits. */
@Injectable()
@TaskHandler()
export class VideoProbeHandler implements OperationHandler<'video_probe'> {
  readonly op = 'video_probe' as const;

  constructor(
    private readonly scratch: VideoScratch,
    private readonly loader: VideoSourceLoader,
  ) {}

  run(ctx: HandlerContext<'video_probe'>): Promise<HandlerOutcome<'video_probe'>> {
    return this.scratch.use(ctx.task.id, async (dir) => {
      const video = await this.loader.load(ctx, dir, ctx.task.params.limits);
      return { result: probeBody(video.probe), history: null };
    });
  }
}
