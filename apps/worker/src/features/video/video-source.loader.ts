import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DomainError, type VideoLimitParams } from '@gradekit/contracts';
import type { HandlerContext } from '../../operations/operation-handler';
import type { VideoProbe } from '../../media/video/video-probe';
import { VideoProber } from '../../media/video/video-prober';

export interface LoadedVideo {
  path: string;
  probe: VideoProbe;
}

type VideoOp = 'video_probe' | 'video_test' | 'video_grade';

/**
 * The task's `video` input, streamed from storage into the job's scratch folder (never
 * whole into memory), probed, and checked against the caller's plan: larger than the
 * plan allows → VIDEO_TOO_LARGE, longer → VIDEO_TOO_LONG, not a video → INVALID_VIDEO
 * (all final: the task fails and is refunded without retries).
 */
@Injectable()
export class VideoSourceLoader {
  constructor(private readonly prober: VideoProber) {}

  async load(ctx: HandlerContext<VideoOp>, dir: string, limits: VideoLimitParams): Promise<LoadedVideo> {
    const key = ctx.task.inputs.video;
    if (!key) throw new DomainError('UNPROCESSABLE', 'The task has no video input', [{ field: 'video_key', message: 'missing' }]);
    const info = await ctx.storage.head(key);
    if (!info) throw new DomainError('NOT_FOUND', 'The video no longer exists in storage', [{ field: 'video_key', message: 'object not found' }]);
    if (info.bytes > limits.max_bytes) {
      throw new DomainError('VIDEO_TOO_LARGE', `The video is ${info.bytes} bytes; your plan allows ${limits.max_bytes}`, [{ field: 'video_key', message: `at most ${limits.max_bytes} bytes`, limit: limits.max_bytes }]);
    }
    const file = path.join(dir, `source${path.extname(key).slice(0, 8) || '.mp4'}`);
    await ctx.storage.getToFile(key, file);
    const probe = await this.prober.probe(file, { signal: ctx.signal });
    if (probe.duration_s > limits.max_duration_s) {
      throw new DomainError('VIDEO_TOO_LONG', `The video lasts ${probe.duration_s.toFixed(2)} s; your plan allows ${limits.max_duration_s} s`, [
        { field: 'video_key', message: `at most ${limits.max_duration_s} s`, limit: limits.max_duration_s, duration_s: probe.duration_s },
      ]);
    }
    return { path: file, probe };
  }
}
