import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { VideoEncoderName, WorkerConfig } from '@gradekit/config';
import { WORKER_CONFIG } from '../../config/worker-config.provider';
import { WORKER_LOGGER } from '../../common/logger.provider';
import { runFfmpeg } from './ffmpeg-process';

/** What this worker's ffmpeg and GPU can actually do, decided once per process. */
export type VideoCapabilityReport = {
  requested: { encoder: VideoEncoderName; hwaccel: 'none' | 'cuda' };
  /** The encoder and decoder grading uses: the requested ones, or their CPU fallbacks. */
  encoder: VideoEncoderName;
  hwaccel: 'none' | 'cuda';
  /** Why a fallback was taken (null when none was). */
  fallback: string | null;
};

const CPU_TWIN: Record<VideoEncoderName, VideoEncoderName> = { libx264: 'libx264', libx265: 'libx265', h264_nvenc: 'libx264', hevc_nvenc: 'libx265' };

/**
 * Checks the configured NVENC encoder and NVDEC decode once, on first use, by running
 * them: `ffmpeg -encoders` lists h264_nvenc in Debian's build even on machines with no
 * NVIDIA GPU at all, and an H100/H200 has NVDEC but no NVENC, so only a real one-frame
 * encode tells. A failing check falls back to the CPU (libx264 for h264_nvenc, libx265 for
 * hevc_nvenc; software decode for cuda) with one warn log line, and every job of the
 * process then uses the fallback — no job pays for the probe or for a failed GPU encode.
 * CPU encoders are not probed (nothing to fall back to).
 */
@Injectable()
export class VideoCapabilities {
  private report: Promise<VideoCapabilityReport> | null = null;
  private readonly ffmpeg: string;
  private readonly requested: VideoCapabilityReport['requested'];

  constructor(
    @Inject(WORKER_CONFIG) config: Pick<WorkerConfig, 'video'>,
    @Inject(WORKER_LOGGER) private readonly logger: Pick<Logger, 'warn' | 'info'>,
  ) {
    this.ffmpeg = config.video.ffmpegPath;
    this.requested = { encoder: config.video.encoder, hwaccel: config.video.hwaccel };
  }

  resolve(): Promise<VideoCapabilityReport> {
    this.report ??= this.detect();
    return this.report;
  }

  private async detect(): Promise<VideoCapabilityReport> {
    const reasons: string[] = [];
    let encoder = this.requested.encoder;
    if (encoder !== CPU_TWIN[encoder]) {
      const problem = await this.check(['-f', 'lavfi', '-i', 'color=c=gray:s=256x256:r=25:d=0.04', '-frames:v', '1', '-c:v', encoder, '-f', 'null', '-']);
      if (problem) {
        reasons.push(`${encoder} is not usable here (${problem}); encoding with ${CPU_TWIN[encoder]} on the CPU`);
        encoder = CPU_TWIN[encoder];
      }
    }
    let hwaccel = this.requested.hwaccel;
    if (hwaccel === 'cuda') {
      const problem = await this.check(['-init_hw_device', 'cuda=gpu', '-f', 'lavfi', '-i', 'nullsrc=s=64x64:d=0.04', '-frames:v', '1', '-f', 'null', '-']);
      if (problem) {
        reasons.push(`CUDA (NVDEC) decoding is not usable here (${problem}); decoding on the CPU`);
        hwaccel = 'none';
      }
    }
    const report: VideoCapabilityReport = { requested: this.requested, encoder, hwaccel, fallback: reasons.length ? reasons.join('; ') : null };
    if (report.fallback) this.logger.warn({ video: report }, `video: GPU fallback: ${report.fallback}`);
    else if (encoder.endsWith('nvenc') || hwaccel === 'cuda') this.logger.info({ video: report }, 'video: GPU encode/decode available');
    return report;
  }

  /** null when the command succeeds, else the last line ffmpeg printed. */
  private async check(args: string[]): Promise<string | null> {
    const run = await runFfmpeg(this.ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', ...args]);
    if (run.code === 0) return null;
    return run.stderr.split('\n').filter(Boolean).pop()?.slice(0, 200) ?? `exit ${run.code}`;
  }
}
