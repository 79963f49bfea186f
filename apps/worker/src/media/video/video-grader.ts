import { unlink } from 'node:fs/promises';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { EffectsConfig, Lut3D } from '@gradekit/color';
import type { WorkerConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { WORKER_CONFIG } from '../../config/worker-config.provider';
import { decoderArgs, encoderArgs, muxerArgs, outputFormatFor, rawFrameFormat, type VideoEncodeSettings, type VideoOutputFormat } from './ffmpeg-args';
import { spawnFfmpeg, type FfmpegProcess } from './ffmpeg-process';
import { FRAME_THREAD_REGISTER, FrameApplyPool } from './frame-apply-pool';
import { FrameSlots, type FrameSlot } from './frame-slots';
import { VideoCapabilities } from './video-capabilities';
import type { VideoProbe } from './video-probe';

export type VideoGradeProgress = { percent: number; frames: number; fps: number; eta_seconds: number | null };

export type VideoGradeOptions = {
  inputPath: string;
  /** Written by ffmpeg with the source's container (`outputFormat(probe)` names its extension); deleted again when grading fails. */
  outputPath: string;
  probe: VideoProbe;
  /** One LUT for the clip, or the LUT of each frame (0-based, in decode order: a shot schedule). */
  lut: Lut3D | ((frameIndex: number) => Lut3D);
  /** Spatial effects after the LUT; frame i is seeded `seed + i`, so grain moves and a re-run is identical. */
  effects?: { config: EffectsConfig; seed: number };
  /** 0.5 for the test tier (sizes rounded to even); 1 by default. */
  scale?: number;
  /** Overrides of the configured encoder settings (tests grade with crf 0). */
  encode?: Partial<VideoEncodeSettings>;
  onProgress?: (progress: VideoGradeProgress) => void;
  signal?: AbortSignal;
};

export type VideoGradeOutcome = {
  frames: number;
  /** Frames graded per second of wall time, decode to mux. */
  fps: number;
  seconds: number;
  width: number;
  height: number;
  encoder: VideoOutputFormat['encoder'];
  hwaccel: 'none' | 'cuda';
  output: VideoOutputFormat;
};

/** What ffmpeg's demuxer says when the data ends before the index does. */
const TRUNCATED_INPUT = /partial file/i;

/** Raw frames in flight besides those being applied: one filling from the decoder, one being written, one spare. */
const EXTRA_SLOTS = 3;

/**
 * Grades a clip as a stream: decoder → raw RGB frames → LUT (+ effects) on worker threads
 * → encoder → muxer (see README.md and ffmpeg-args.ts). Memory is bounded by a few frames
 * (`applyThreads + 3` shared frame buffers, reused); no frame and no intermediate file
 * touches the disk — the only file written is the output.
 *
 * Back-pressure end to end: the decoder's stdout is read only while a free frame buffer
 * exists, a buffer is freed only when the encoder's stdin has taken all of it, and the
 * encoder's NUT output is piped into the muxer with Node's pipe() (which pauses on a full
 * pipe). Errors: the decoder failing is a DomainError INVALID_VIDEO (the source is
 * corrupt); the encoder or muxer failing is a plain Error (retried); both carry ffmpeg's
 * stderr tail. An abort kills all three processes and rejects with the signal's reason.
 */
@Injectable()
export class VideoGrader implements OnApplicationShutdown {
  private readonly pool: FrameApplyPool;
  private readonly ffmpeg: string;
  private readonly defaults: VideoEncodeSettings;
  private readonly applyThreads: number;

  constructor(
    @Inject(WORKER_CONFIG) config: Pick<WorkerConfig, 'video'>,
    private readonly capabilities: VideoCapabilities,
    /** Tests and benches pass `{ register: bench/common/ts-register.js }` to run the thread entry from TypeScript. */
    @Optional() @Inject(FRAME_THREAD_REGISTER) register?: string,
  ) {
    this.ffmpeg = config.video.ffmpegPath;
    this.defaults = { encoder: config.video.encoder, crf: config.video.crf, preset: config.video.preset };
    this.applyThreads = config.video.applyThreads;
    this.pool = new FrameApplyPool({ threads: config.video.applyThreads, register });
  }

  /** The container, extension and content type a grade of this probe writes (with the configured encoder). */
  async outputFormat(probe: VideoProbe): Promise<VideoOutputFormat> {
    return outputFormatFor(probe, (await this.capabilities.resolve()).encoder);
  }

  async grade(o: VideoGradeOptions): Promise<VideoGradeOutcome> {
    const caps = await this.capabilities.resolve();
    const settings: VideoEncodeSettings = { ...this.defaults, encoder: caps.encoder, ...o.encode };
    const output = outputFormatFor(o.probe, settings.encoder);
    // RGB frames. (BGR would let swscale 5.1 take its fast unscaled BGR24 → 4:2:0 path, ≈ 6 ms less
    // CPU a 1080p frame, but that path truncates luma: 79 % of pixels 1 code value darker. Measured, not taken.)
    const format = rawFrameFormat(o.probe, o.scale ?? 1);
    const depth = format.pixFmt === 'rgb48le' ? 16 : 8;
    const expected = expectedFrames(o.probe);
    const started = performance.now();
    const abort = new AbortController();
    const onOuterAbort = (): void => abort.abort(o.signal?.reason);
    o.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (o.signal?.aborted) onOuterAbort();

    const muxer = spawnFfmpeg(this.ffmpeg, muxerArgs({ source: o.inputPath, outputPath: o.outputPath, probe: o.probe, output }), { signal: abort.signal });
    const encoder = spawnFfmpeg(this.ffmpeg, encoderArgs({ probe: o.probe, format, output, settings, progressFd: 3 }), { extraPipes: 1, signal: abort.signal });
    const decoder = spawnFfmpeg(this.ffmpeg, decoderArgs({ input: o.inputPath, probe: o.probe, format, hwaccel: caps.hwaccel }), { stdin: 'ignore', signal: abort.signal });
    encoder.child.stdout?.pipe(muxer.child.stdin!);

    // The first failure wins; it kills the other processes so nothing waits on a dead pipe.
    let failure: Error | null = null;
    const fail = (error: Error): void => {
      if (failure) return;
      failure = error;
      abort.abort(error);
    };
    const watch = (proc: FfmpegProcess, role: 'decoder' | 'encoder' | 'muxer'): Promise<void> =>
      proc.exited.then((code) => {
        if (abort.signal.aborted) return;
        // ffmpeg ends a truncated file's decode with exit 0 and "partial file": the clip would be cut short.
        if (code === 0 && !(role === 'decoder' && TRUNCATED_INPUT.test(proc.stderr()))) return;
        const message = `ffmpeg ${role} failed (exit ${code}): ${proc.stderr() || 'no message'}`;
        if (role === 'decoder') fail(new DomainError('INVALID_VIDEO', 'The video could not be decoded: it is corrupt or truncated', [{ field: 'video', message, ffmpeg: proc.stderr().slice(-1000) }]));
        else fail(new Error(message));
      });
    const exits = Promise.all([watch(decoder, 'decoder'), watch(encoder, 'encoder'), watch(muxer, 'muxer')]);

    let frames = 0;
    const progress = this.progressReader(encoder, expected, started, o.onProgress);
    try {
      frames = await this.pump(decoder, encoder, format, depth, o, abort.signal);
      encoder.child.stdin!.end();
      await exits;
      await progress;
      if (failure) throw failure;
      if (o.signal?.aborted) throw o.signal.reason;
      if (frames === 0) throw new DomainError('INVALID_VIDEO', 'The video has no decodable frames', [{ field: 'video', message: decoder.stderr() || 'no frames' }]);
    } catch (error) {
      abort.abort(error);
      await exits;
      await unlink(o.outputPath).catch(() => undefined);
      throw o.signal?.aborted ? o.signal.reason : (failure ?? error);
    } finally {
      o.signal?.removeEventListener('abort', onOuterAbort);
    }
    const seconds = (performance.now() - started) / 1000;
    const fps = frames / Math.max(seconds, 1e-6);
    o.onProgress?.({ percent: 100, frames, fps: round(fps), eta_seconds: 0 });
    return { frames, fps: round(fps), seconds: round(seconds), width: format.width, height: format.height, encoder: output.encoder, hwaccel: caps.hwaccel, output };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  /**
   * Moves frames: decoder stdout → a free shared frame buffer (exact frame-size chunking
   * across pipe reads) → the apply pool → encoder stdin, in order. The reader and the
   * writer run side by side, so frame n+1 is read while frame n is applied and frame n−1
   * written. Resolves with the number of frames written.
   */
  private async pump(decoder: FfmpegProcess, encoder: FfmpegProcess, format: ReturnType<typeof rawFrameFormat>, depth: 8 | 16, o: VideoGradeOptions, signal: AbortSignal): Promise<number> {
    const slots = new FrameSlots(format.frameBytes, this.applyThreads + EXTRA_SLOTS, signal);
    const queue: { slot: FrameSlot; applied: Promise<void> }[] = [];
    // (The cast keeps TypeScript from narrowing it to null: it is set inside the writer's promise.)
    let wake = null as (() => void) | null;
    let readDone = false;
    const lutAt = typeof o.lut === 'function' ? o.lut : () => o.lut as Lut3D;

    const reader = (async () => {
      let index = 0;
      let slot = await slots.take();
      let filled = 0;
      try {
        for await (const chunk of decoder.child.stdout! as AsyncIterable<Buffer>) {
          let offset = 0;
          while (offset < chunk.length) {
            const n = Math.min(chunk.length - offset, format.frameBytes - filled);
            slot.bytes.set(chunk.subarray(offset, offset + n), filled);
            filled += n;
            offset += n;
            if (filled === format.frameBytes) {
              const effects = o.effects ? { config: o.effects.config, seed: o.effects.seed + index } : undefined;
              const applied = this.pool.apply(slot.buffer, { width: format.width, height: format.height, depth }, lutAt(index), effects);
              applied.catch(() => undefined); // observed by the writer
              queue.push({ slot, applied });
              index++;
              wake?.();
              slot = await slots.take();
              filled = 0;
            }
          }
        }
        if (filled !== 0 && !signal.aborted) throw new DomainError('INVALID_VIDEO', 'The decoder ended inside a frame', [{ field: 'video', message: decoder.stderr() || 'partial frame' }]);
      } finally {
        slots.give(slot);
        readDone = true;
        wake?.();
      }
    })();

    const writer = (async () => {
      let written = 0;
      const stdin = encoder.child.stdin!;
      for (;;) {
        if (signal.aborted) throw signal.reason;
        const next = queue.shift();
        if (!next) {
          if (readDone) return written;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        await next.applied;
        await new Promise<void>((resolve, reject) => stdin.write(next.slot.bytes, (error) => (error ? reject(error) : resolve())));
        slots.give(next.slot);
        written++;
      }
    })();

    const [, written] = await Promise.all([reader, writer]);
    return written;
  }

  /** Parses the encoder's `-progress` lines (fd 3) into percent, fps and ETA. */
  private progressReader(encoder: FfmpegProcess, expected: number, started: number, onProgress?: (p: VideoGradeProgress) => void): Promise<void> {
    const stream = encoder.child.stdio[3] as NodeJS.ReadableStream | null;
    if (!stream) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let buffered = '';
      let frame = 0;
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          const [key, value] = line.split('=');
          if (key === 'frame') frame = Number(value) || frame;
          else if (key === 'progress' && onProgress) {
            const elapsed = (performance.now() - started) / 1000;
            const fps = frame / Math.max(elapsed, 1e-6);
            // 99 until the muxer has closed the file: 100 is reported once the output exists.
            const percent = Math.min(99, (100 * frame) / Math.max(expected, 1));
            onProgress({ percent: round(percent), frames: frame, fps: round(fps), eta_seconds: fps > 0 ? round(Math.max(0, expected - frame) / fps) : null });
          }
        }
      });
      stream.on('error', () => resolve());
      stream.on('close', () => resolve());
      stream.on('end', () => resolve());
    });
  }
}

/** Frames the decoder will deliver: the container's count for a constant rate, duration × rate when resampled. */
export function expectedFrames(probe: VideoProbe): number {
  const v = probe.video;
  if (v.variable_frame_rate || v.frame_count === null) return Math.max(1, Math.round(v.duration_s * v.fps));
  return v.frame_count;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
