import { Inject, Injectable } from '@nestjs/common';
import { frameStats, type FrameStats, type RgbImage } from '@gradekit/color';
import type { WorkerConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { WORKER_CONFIG } from '../../config/worker-config.provider';
import { decoderArgs, rawFrameFormat, rgb24Format, type RawFrameFormat } from './ffmpeg-args';
import { spawnFfmpeg } from './ffmpeg-process';
import type { VideoProbe } from './video-probe';

/** A decoded frame: 8-bit RGB as stored (no rotation applied), and where it is in the clip. */
export type VideoFrame = { time_s: number; frame_index: number; image: RgbImage & { data: Uint8Array; channels: 3 } };

/** Long side of the frames `readFrames` returns for fitting (the colour engine's proxy size). */
export const FIT_FRAME_SIDE = 512;
/** Long side of the whole-clip decode that `scan` measures (cut detection and flicker need every frame, not its detail). */
export const SCAN_FRAME_SIDE = 160;

/**
 * Reads frames out of a video as RgbImages, through the same decoder arguments as the
 * grader (same YUV → RGB matrix and range, `-noautorotate`), so a frame read here has the
 * pixels the grader feeds its LUT:
 *  - `readFrame`: one frame at full (or the test tier's) resolution, for /video/test. Its
 *    orientation is NOT applied: the graded clip keeps the source's rotation as metadata,
 *    so the stored pixels are what both grade; a viewer rotates both the same way.
 *  - `readFrames`: frames at timestamps, downscaled to a long side of `maxSide`, for fits.
 *  - `scan`: every frame of the clip, downscaled, reduced to per-frame statistics (mean L*,
 *    colour histogram) for cut detection and flicker measurement; frames are streamed, never
 *    kept.
 * A frame index is the frame's position in the grader's output (time × frame rate, the
 * first frame at or after the timestamp).
 */
@Injectable()
export class VideoFramesReader {
  private readonly ffmpeg: string;
  private readonly hwaccel: 'none' | 'cuda';

  constructor(@Inject(WORKER_CONFIG) config: Pick<WorkerConfig, 'video'>) {
    this.ffmpeg = config.video.ffmpegPath;
    this.hwaccel = config.video.hwaccel;
  }

  /** The frame shown at `timeS` (clamped into the clip), full resolution × `scale`. */
  async readFrame(filePath: string, probe: VideoProbe, timeS: number, options: { scale?: number; signal?: AbortSignal } = {}): Promise<VideoFrame> {
    const format = rawFrameFormat(probe, options.scale ?? 1);
    return this.frameAt(filePath, probe, timeS, rgb24Format(format.width, format.height), options.signal, undefined);
  }

  /** Frames at each timestamp, long side ≤ maxSide (area-averaged). */
  async readFrames(filePath: string, probe: VideoProbe, timesS: number[], options: { maxSide?: number; signal?: AbortSignal } = {}): Promise<VideoFrame[]> {
    const format = proxyFormat(probe, options.maxSide ?? FIT_FRAME_SIDE);
    const frames: VideoFrame[] = [];
    // One short decode per timestamp (input seeking): sequential, so a long clip's samples cost their seeks, not a full decode.
    for (const t of timesS) frames.push(await this.frameAt(filePath, probe, t, format, options.signal, 'area'));
    return frames;
  }

  /**
   * Decodes every frame (downscaled to `maxSide`) and returns each one's statistics, in
   * order. `onFrame` sees each downscaled frame while it is current (its buffer is reused).
   */
  async scan(filePath: string, probe: VideoProbe, options: { maxSide?: number; signal?: AbortSignal; onFrame?: (image: RgbImage, index: number) => void } = {}): Promise<FrameStats[]> {
    const format = proxyFormat(probe, options.maxSide ?? SCAN_FRAME_SIDE);
    const stats: FrameStats[] = [];
    await this.decode(filePath, decoderArgs({ input: filePath, probe, format, hwaccel: this.hwaccel, scaleFlags: 'area' }), format, options.signal, (image) => {
      options.onFrame?.(image, stats.length);
      stats.push(frameStats(image));
    });
    return stats;
  }

  /** Evenly spaced timestamps across the clip (the middle of `count` equal parts), for fitting on frames sampled across it. */
  sampleTimes(probe: VideoProbe, count: number): number[] {
    const d = probe.video.duration_s;
    return Array.from({ length: Math.max(1, count) }, (_, i) => ((i + 0.5) * d) / Math.max(1, count));
  }

  private async frameAt(filePath: string, probe: VideoProbe, timeS: number, format: RawFrameFormat, signal: AbortSignal | undefined, scaleFlags: string | undefined): Promise<VideoFrame> {
    const fps = probe.video.fps;
    const last = Math.max(0, expectedLastIndex(probe));
    const index = Math.min(last, Math.max(0, Math.ceil(timeS * fps - 1e-6)));
    // Seek half a frame early: the decoder returns the first frame at or after the seek point,
    // and a seek point rounded up past frame `index`'s timestamp would skip it.
    const seek = Math.max(0, (index - 0.5) / fps);
    const start = index / fps;
    let image: VideoFrame['image'] | null = null;
    const args = decoderArgs({ input: filePath, probe, format, hwaccel: this.hwaccel, startS: seek, frames: 1, timing: 'passthrough', scaleFlags });
    await this.decode(filePath, args, format, signal, (frame) => {
      image = { ...frame, data: frame.data.slice() };
    });
    if (!image) throw new DomainError('INVALID_VIDEO', `No frame could be decoded at ${start.toFixed(3)} s`, [{ field: 'timestamp', message: 'no frame decoded there' }]);
    return { time_s: start, frame_index: index, image };
  }

  /** Runs a decoder and hands each whole raw frame (one reused buffer) to `onFrame`. */
  private async decode(filePath: string, args: string[], format: RawFrameFormat, signal: AbortSignal | undefined, onFrame: (image: VideoFrame['image']) => void): Promise<void> {
    const proc = spawnFfmpeg(this.ffmpeg, args, { stdin: 'ignore', signal });
    const frame = new Uint8Array(format.frameBytes);
    const image = { width: format.width, height: format.height, channels: 3 as const, data: frame };
    let filled = 0;
    for await (const chunk of proc.child.stdout! as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(chunk.length - offset, format.frameBytes - filled);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === format.frameBytes) {
          onFrame(image);
          filled = 0;
        }
      }
    }
    const code = await proc.exited;
    signal?.throwIfAborted();
    if (code !== 0) {
      const message = `ffmpeg decoder failed (exit ${code}) on ${filePath.split('/').pop()}: ${proc.stderr() || 'no message'}`;
      if (code === -1) throw new Error(message);
      throw new DomainError('INVALID_VIDEO', 'The video could not be decoded: it is corrupt or truncated', [{ field: 'video', message, ffmpeg: proc.stderr().slice(-1000) }]);
    }
  }
}

/** The rgb24 size whose long side is ≤ maxSide (aspect kept, sizes even, never upscaled). */
function proxyFormat(probe: VideoProbe, maxSide: number): RawFrameFormat {
  const { width, height } = probe.video;
  const k = Math.min(1, maxSide / Math.max(width, height));
  if (k === 1) return rgb24Format(width, height);
  const even = (v: number): number => Math.max(2, 2 * Math.round((v * k) / 2));
  return rgb24Format(even(width), even(height));
}

function expectedLastIndex(probe: VideoProbe): number {
  return (probe.video.frame_count ?? Math.round(probe.video.duration_s * probe.video.fps)) - 1;
}
