/**
 * Pure builders of every ffmpeg / ffprobe command line the video adapters run (tested by
 * exact arrays in ffmpeg-args.spec.ts; convention 4 of docs/architecture.md). Nothing here
 * spawns; the adapters beside it do.
 *
 * The grading pipeline is three processes joined by pipes (see README.md):
 *   decoder  source → raw RGB frames on stdout (`decoderArgs`)
 *   [Node: LUT (+ effects) on each frame]
 *   encoder  raw RGB on stdin → encoded video as NUT on stdout (`encoderArgs`)
 *   muxer    NUT on stdin + the source's audio → the output file (`muxerArgs`)
 * The muxer is a separate process because ffmpeg 5.1 writes a rotation (display matrix)
 * only for stream-copied video (`-metadata:s:v:0 rotate=`; `-display_rotation` arrived in
 * 6.0): copying the freshly encoded stream once more is what keeps the rotation metadata.
 */
import type { VideoEncoderName } from '@gradekit/config';
import type { VideoProbe } from './video-probe';

export type { VideoEncoderName };

/** How the video is encoded. `crf` is x264/x265's CRF, NVENC's `-cq` and VP9's `-crf` (lower = better; 18 ≈ visually lossless for x264). */
export type VideoEncodeSettings = {
  encoder: VideoEncoderName;
  crf: number;
  preset: string;
  /** `grain`: x264/x265's film-grain tuning, for grades that add grain (at CRF 18 the default tuning smooths a moving grain away). */
  tune?: 'grain';
};

/** A raw frame as it travels between the processes: 8-bit (rgb24) or 16-bit (rgb48le) interleaved RGB. */
export type RawFrameFormat = { pixFmt: 'rgb24' | 'rgb48le'; width: number; height: number; frameBytes: number };

/** The output container: the source's, with an encoder it accepts. */
export type VideoOutputFormat = {
  /** ffmpeg's muxer name. */
  muxer: 'mp4' | 'mov' | 'matroska' | 'webm' | 'mpegts';
  extension: string;
  contentType: string;
  /** The ffmpeg encoder actually used: the configured one, except WebM (VP9) — see `outputFormatFor`. */
  encoder: VideoEncoderName | 'libvpx-vp9';
};

const OUTPUTS: Record<string, Omit<VideoOutputFormat, 'encoder'>> = {
  mp4: { muxer: 'mp4', extension: 'mp4', contentType: 'video/mp4' },
  mov: { muxer: 'mov', extension: 'mov', contentType: 'video/quicktime' },
  matroska: { muxer: 'matroska', extension: 'mkv', contentType: 'video/x-matroska' },
  webm: { muxer: 'webm', extension: 'webm', contentType: 'video/webm' },
  mpegts: { muxer: 'mpegts', extension: 'ts', contentType: 'video/mp2t' },
};

/**
 * The container is kept: mp4, mov, matroska, webm and mpegts as they are; anything else
 * (avi, flv, …) becomes Matroska, which takes every audio codec the source may have (audio
 * is copied, never re-encoded). WebM allows only VP8/VP9/AV1 video, so a WebM source is
 * encoded with libvpx-vp9 whatever VIDEO_ENCODER says.
 */
export function outputFormatFor(probe: VideoProbe, encoder: VideoEncoderName): VideoOutputFormat {
  const out = OUTPUTS[probe.container] ?? OUTPUTS.matroska;
  return { ...out, encoder: out.muxer === 'webm' ? 'libvpx-vp9' : encoder };
}

/** The raw frames of a probe at `scale` (the test tier's 0.5): sizes rounded to even numbers when scaled, exact otherwise. */
export function rawFrameFormat(probe: VideoProbe, scale = 1): RawFrameFormat {
  const pixFmt = probe.video.bit_depth > 8 ? 'rgb48le' : 'rgb24';
  const size = (v: number): number => (scale === 1 ? v : Math.max(2, 2 * Math.round((v * scale) / 2)));
  const width = size(probe.video.width);
  const height = size(probe.video.height);
  return { pixFmt, width, height, frameBytes: width * height * 3 * (pixFmt === 'rgb48le' ? 2 : 1) };
}

/** A raw frame format of a given size (frame readers: proxies and test frames are always 8-bit). */
export function rgb24Format(width: number, height: number): RawFrameFormat {
  return { pixFmt: 'rgb24', width, height, frameBytes: width * height * 3 };
}

export function ffprobeArgs(input: string): string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input];
}

/**
 * Decodes the last `seconds` of the video to nowhere: a file whose index promises more
 * than its data holds (a truncated upload with the moov atom first) probes fine and fails
 * here. `-xerror` stops at the first decoding error; `framecrc` prints a line per
 * decoded frame on stdout, so "nothing decoded" is visible too.
 */
export function tailCheckArgs(input: string, probe: VideoProbe, seconds = 1): string[] {
  const start = Math.max(0, probe.video.duration_s - seconds);
  return ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-ss', secs(start), '-noautorotate', '-i', input, '-map', `0:${probe.video.index}`, '-f', 'framecrc', 'pipe:1'];
}

export type DecoderArgsOptions = {
  input: string;
  probe: VideoProbe;
  format: RawFrameFormat;
  /** `cuda`: NVDEC decode (frames come back to system memory; ffmpeg falls back to software for codecs NVDEC lacks). */
  hwaccel?: 'none' | 'cuda';
  /** Seek to this time (input seeking: fast, frame-exact since ffmpeg 2.1). */
  startS?: number;
  /** Stop after this many frames. */
  frames?: number;
  /** Keep every source frame as it is (`passthrough`, the frame readers) or a constant rate (grading; see `decoderArgs`). */
  timing?: 'grade' | 'passthrough';
  /** Scaler flags for a resize (`area` for analysis proxies); ffmpeg's default (bicubic) otherwise. */
  scaleFlags?: string;
};

/**
 * Source → raw RGB on stdout. `-noautorotate`: frames stay as stored, so the graded clip's
 * pixels correspond one to one and its rotation is kept as metadata. The YUV → RGB matrix
 * and range come from the probe's tags (the encoder converts back with the same ones); an
 * untagged source uses swscale's default (BT.601), as ffmpeg's own filters would.
 * Grading timing: a variable-frame-rate source is resampled to a constant rate at its
 * average frame rate (frames repeated or dropped; raw frames on a pipe carry no timestamps,
 * and a constant rate keeps the audio in sync); a constant-rate source passes through.
 */
export function decoderArgs(o: DecoderArgsOptions): string[] {
  const v = o.probe.video;
  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  if (o.hwaccel === 'cuda') args.push('-hwaccel', 'cuda');
  if (o.startS !== undefined && o.startS > 0) args.push('-ss', secs(o.startS));
  args.push('-noautorotate', '-i', o.input, '-map', `0:${v.index}`, '-an', '-sn', '-dn');
  if ((o.timing ?? 'grade') === 'grade' && v.variable_frame_rate) args.push('-fps_mode', 'cfr', '-r', v.avg_frame_rate);
  else args.push('-fps_mode', 'passthrough');
  if (o.frames !== undefined) args.push('-frames:v', String(o.frames));
  const scale: string[] = [];
  if (o.format.width !== v.width || o.format.height !== v.height) scale.push(`w=${o.format.width}`, `h=${o.format.height}`);
  if (scale.length && o.scaleFlags) scale.push(`flags=${o.scaleFlags}`);
  scale.push(...yuvOptions('in', o.probe));
  args.push('-vf', scale.length ? `scale=${scale.join(':')},format=${o.format.pixFmt}` : `format=${o.format.pixFmt}`);
  args.push('-f', 'rawvideo', '-pix_fmt', o.format.pixFmt, 'pipe:1');
  return args;
}

export type EncoderArgsOptions = {
  probe: VideoProbe;
  format: RawFrameFormat;
  output: VideoOutputFormat;
  settings: VideoEncodeSettings;
  /** The fd ffmpeg writes `-progress` key=value lines to (3: the adapter's extra pipe). */
  progressFd?: number;
};

/**
 * Raw RGB on stdin → the encoded video as NUT on stdout (for the muxer). Kept from the
 * source: frame rate, size (the test tier's scale aside), pixel format where the encoder
 * has it, and the colour tags — primaries, transfer, matrix and range, written both as
 * container/VUI tags and used for the RGB → YUV conversion.
 */
export function encoderArgs(o: EncoderArgsOptions): string[] {
  const { probe, format, output, settings } = o;
  const v = probe.video;
  const rate = v.variable_frame_rate ? v.avg_frame_rate : v.r_frame_rate;
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-nostats'];
  if (o.progressFd !== undefined) args.push('-progress', `pipe:${o.progressFd}`);
  args.push('-f', 'rawvideo', '-pix_fmt', format.pixFmt, '-s', `${format.width}x${format.height}`, '-framerate', rate, '-i', 'pipe:0');
  const pixFmt = outputPixFmt(probe, output.encoder, format);
  args.push('-map', '0:v', '-vf', `scale=${yuvOptions('out', probe).join(':') || 'out_color_matrix=bt601'},format=${pixFmt}`);
  args.push(...codecArgs(output.encoder, settings), '-pix_fmt', pixFmt);
  const c = v.color;
  if (c.primaries) args.push('-color_primaries', c.primaries);
  if (c.transfer) args.push('-color_trc', c.transfer);
  if (c.matrix) args.push('-colorspace', c.matrix);
  if (c.range) args.push('-color_range', c.range);
  args.push('-f', 'nut', 'pipe:1');
  return args;
}

export type MuxerArgsOptions = { source: string; outputPath: string; probe: VideoProbe; output: VideoOutputFormat };

/**
 * NUT video on stdin + every audio stream of the source, copied bit for bit, into the
 * output container; the source's global metadata and its rotation are kept.
 */
export function muxerArgs(o: MuxerArgsOptions): string[] {
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'nut', '-i', 'pipe:0', '-i', o.source];
  args.push('-map', '0:v:0', '-map', '1:a?', '-c', 'copy', '-map_metadata', '1');
  const rotation = o.probe.video.rotation;
  // The tag is the display matrix's counter-clockwise angle (ffprobe reads back what was written); rotation is clockwise.
  if (rotation !== 0) args.push('-metadata:s:v:0', `rotate=${(360 - rotation) % 360}`);
  const isoBmff = o.output.muxer === 'mp4' || o.output.muxer === 'mov';
  // Apple players want HEVC tagged hvc1 (ffmpeg's default hev1 does not play in QuickTime/Safari).
  if (isoBmff && (o.output.encoder === 'libx265' || o.output.encoder === 'hevc_nvenc')) args.push('-tag:v', 'hvc1');
  if (isoBmff) args.push('-movflags', '+faststart');
  args.push('-f', o.output.muxer, '-y', o.outputPath);
  return args;
}

/** Encoder, preset and quality arguments (see the README's table). */
export function codecArgs(encoder: VideoOutputFormat['encoder'], s: VideoEncodeSettings): string[] {
  switch (encoder) {
    case 'libx264':
      return ['-c:v', 'libx264', '-preset', s.preset, ...(s.tune ? ['-tune', s.tune] : []), '-crf', String(s.crf)];
    case 'libx265':
      return ['-c:v', 'libx265', '-preset', s.preset, ...(s.tune ? ['-tune', s.tune] : []), '-crf', String(s.crf), '-x265-params', 'log-level=error'];
    case 'h264_nvenc':
    case 'hevc_nvenc':
      return ['-c:v', encoder, '-preset', nvencPreset(s.preset), '-rc', 'vbr', '-cq', String(s.crf), '-b:v', '0'];
    case 'libvpx-vp9':
      // Realtime deadline and cpu-used 8: VP9's good/best modes are 10–50× slower than x264 veryfast.
      return ['-c:v', 'libvpx-vp9', '-crf', String(s.crf), '-b:v', '0', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1'];
  }
}

/** x264's preset names → NVENC's p1 (fastest) … p7 (best). */
export function nvencPreset(preset: string): string {
  const map: Record<string, string> = {
    ultrafast: 'p1', superfast: 'p1', veryfast: 'p2', faster: 'p3', fast: 'p4', medium: 'p5', slow: 'p6', slower: 'p7', veryslow: 'p7',
  };
  return /^p[1-7]$/.test(preset) ? preset : (map[preset] ?? 'p4');
}

const ENCODER_PIX_FMTS: Record<VideoOutputFormat['encoder'], readonly string[]> = {
  libx264: ['yuv420p', 'yuvj420p', 'yuv422p', 'yuvj422p', 'yuv444p', 'yuvj444p', 'yuv420p10le', 'yuv422p10le', 'yuv444p10le'],
  libx265: ['yuv420p', 'yuvj420p', 'yuv422p', 'yuvj422p', 'yuv444p', 'yuvj444p', 'yuv420p10le', 'yuv422p10le', 'yuv444p10le', 'yuv420p12le', 'yuv422p12le', 'yuv444p12le'],
  h264_nvenc: ['yuv420p', 'yuv444p'],
  hevc_nvenc: ['yuv420p', 'yuv444p', 'p010le'],
  'libvpx-vp9': ['yuv420p', 'yuv422p', 'yuv440p', 'yuv444p', 'yuv420p10le', 'yuv422p10le', 'yuv444p10le', 'yuv420p12le'],
};

/**
 * The source's pixel format when the encoder takes it; else 4:2:0 at the source's depth
 * (10-bit where the encoder has it). Chroma-subsampled formats need even sizes, so an odd
 * frame size is encoded 4:4:4 (the size is kept exactly).
 */
export function outputPixFmt(probe: VideoProbe, encoder: VideoOutputFormat['encoder'], format: RawFrameFormat): string {
  const supported = ENCODER_PIX_FMTS[encoder];
  const deep = probe.video.bit_depth > 8;
  let pixFmt = supported.includes(probe.video.pix_fmt) ? probe.video.pix_fmt : deep && supported.includes('yuv420p10le') ? 'yuv420p10le' : deep && supported.includes('p010le') ? 'p010le' : 'yuv420p';
  const odd = format.width % 2 === 1 || format.height % 2 === 1;
  if (odd && !/^yuvj?444p/.test(pixFmt)) pixFmt = deep && supported.includes('yuv444p10le') ? 'yuv444p10le' : 'yuv444p';
  return pixFmt;
}

/** ffprobe's matrix names → swscale's (`scale=in_color_matrix=`). */
const SWS_MATRIX: Record<string, string> = {
  bt709: 'bt709',
  smpte170m: 'smpte170m',
  bt470bg: 'bt470',
  fcc: 'fcc',
  smpte240m: 'smpte240m',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
};

/** The scaler's YUV matrix and range options from the probe's tags (none when untagged: swscale's defaults on both sides). */
function yuvOptions(side: 'in' | 'out', probe: VideoProbe): string[] {
  const out: string[] = [];
  const matrix = probe.video.color.matrix ? SWS_MATRIX[probe.video.color.matrix] : undefined;
  if (matrix) out.push(`${side}_color_matrix=${matrix}`);
  const range = probe.video.color.range;
  if (range === 'tv' || range === 'pc') out.push(`${side}_range=${range}`);
  return out;
}

/** Seconds as ffmpeg reads them, to the microsecond. */
export function secs(value: number): string {
  return (Math.round(value * 1e6) / 1e6).toFixed(6).replace(/\.?0+$/, '') || '0';
}
