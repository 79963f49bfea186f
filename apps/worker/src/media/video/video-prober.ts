import { stat } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { WorkerConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { WORKER_CONFIG } from '../../config/worker-config.provider';
import { ffprobeArgs, tailCheckArgs } from './ffmpeg-args';
import { parseFfprobe, type FfprobeJson } from './ffprobe-parse';
import { runFfmpeg } from './ffmpeg-process';
import type { VideoProbe } from './video-probe';

/** stderr lines of a tail decode that mean the data ends before the index says it does. */
const TRUNCATED = /partial file|invalid data|error while decoding|corrupt|truncat|moov atom not found|end of file|no frame/i;

/**
 * Reads a video file's container, streams and colour tags with ffprobe, then decodes its
 * last second to prove the data is there. Every way a file can fail to be a video — empty,
 * not a media file, audio only, a still image, truncated — is a DomainError INVALID_VIDEO
 * with ffprobe's/ffmpeg's words in its details; anything else (ffprobe missing) is a plain
 * Error, so the job is retried rather than the user blamed.
 */
@Injectable()
export class VideoProber {
  private readonly ffprobe: string;
  private readonly ffmpeg: string;

  constructor(@Inject(WORKER_CONFIG) config: Pick<WorkerConfig, 'video'>) {
    this.ffprobe = config.video.ffprobePath;
    this.ffmpeg = config.video.ffmpegPath;
  }

  async probe(filePath: string, options: { signal?: AbortSignal; tailCheck?: boolean } = {}): Promise<VideoProbe> {
    const bytes = (await stat(filePath)).size;
    if (bytes === 0) throw invalid('The video file is empty', '');
    const run = await runFfmpeg(this.ffprobe, ffprobeArgs(filePath), options.signal);
    if (run.code === -1) throw new Error(`ffprobe could not run: ${run.stderr}`);
    options.signal?.throwIfAborted();
    if (run.code !== 0) throw invalid('The file is not a readable video', run.stderr);
    let json: FfprobeJson;
    try {
      json = JSON.parse(run.stdout) as FfprobeJson;
    } catch {
      throw invalid('The file is not a readable video', run.stdout.slice(0, 500));
    }
    const probe = parseFfprobe(json, bytes);
    if (options.tailCheck !== false) await this.checkTail(filePath, probe, options.signal);
    return probe;
  }

  private async checkTail(filePath: string, probe: VideoProbe, signal?: AbortSignal): Promise<void> {
    const run = await runFfmpeg(this.ffmpeg, tailCheckArgs(filePath, probe), signal);
    if (run.code === -1) throw new Error(`ffmpeg could not run: ${run.stderr}`);
    signal?.throwIfAborted();
    const frames = run.stdout.split('\n').filter((line) => line && !line.startsWith('#')).length;
    if (run.code !== 0 || frames === 0 || TRUNCATED.test(run.stderr)) throw invalid('The video is truncated or corrupt: its last second does not decode', run.stderr);
  }
}

function invalid(message: string, stderr: string): DomainError {
  return new DomainError('INVALID_VIDEO', message, [{ field: 'video', message, ffmpeg: stderr.slice(-1000) || null }]);
}
