import { DomainError } from '@gradekit/contracts';
import type { VideoProbe } from './video-probe';

/** The parts of `ffprobe -print_format json -show_format -show_streams` this parser reads. */
export type FfprobeJson = {
  format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string; tags?: Record<string, string> };
  streams?: FfprobeStream[];
};

export type FfprobeStream = {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  nb_frames?: string;
  color_range?: string;
  color_space?: string;
  color_transfer?: string;
  color_primaries?: string;
  channels?: number;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
};

/** Demuxers that read still images (a PNG probes as a one-frame "video"): not videos. */
const STILL_IMAGE_DEMUXER = /(^|,)(image2|[a-z0-9]+_pipe|gif|webp|apng)($|,)/;

/** r_frame_rate and avg_frame_rate further apart than this (relative) mark variable frame rate. */
const VFR_TOLERANCE = 0.01;

const WEBM_CODECS = new Set(['vp8', 'vp9', 'av1', 'opus', 'vorbis']);

/**
 * Turns ffprobe's JSON into a VideoProbe. Anything that is not a playable video — no
 * video stream, a still image, no duration, no size — is a DomainError INVALID_VIDEO
 * whose details say what was missing (the handler's answer is then a 422, not a retry).
 */
export function parseFfprobe(json: FfprobeJson, bytes: number): VideoProbe {
  const format = json.format ?? {};
  const formatName = format.format_name ?? '';
  const streams = json.streams ?? [];
  const invalid = (message: string): DomainError => new DomainError('INVALID_VIDEO', message, [{ field: 'video', message, format: formatName || null }]);
  if (STILL_IMAGE_DEMUXER.test(formatName)) throw invalid(`The file is a still image (${formatName}), not a video`);
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) throw invalid('The file has no video stream');
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (!(width > 0 && height > 0)) throw invalid('The video stream has no frame size');
  const duration = firstPositive(num(video.duration), num(format.duration));
  if (duration === null) throw invalid('The video has no duration');

  const rFps = fraction(video.r_frame_rate);
  const avgFps = fraction(video.avg_frame_rate);
  const fps = avgFps ?? rFps;
  if (fps === null) throw invalid('The video stream has no frame rate');
  const variable = rFps !== null && avgFps !== null && Math.abs(rFps - avgFps) > VFR_TOLERANCE * Math.max(rFps, avgFps);
  const rotation = rotationOf(video);
  const swap = rotation === 90 || rotation === 270;
  const nbFrames = num(video.nb_frames);
  const transfer = known(video.color_transfer);
  const audio = streams.filter((s) => s.codec_type === 'audio');
  const others = streams.filter((s) => s !== video && s.codec_type !== 'audio');
  return {
    container: containerOf(formatName, format.tags ?? {}, streams),
    format_name: formatName,
    duration_s: num(format.duration) ?? duration,
    bytes,
    bit_rate: num(format.bit_rate),
    video: {
      index: video.index,
      codec: video.codec_name ?? 'unknown',
      profile: video.profile ?? null,
      width,
      height,
      display_width: swap ? height : width,
      display_height: swap ? width : height,
      pix_fmt: video.pix_fmt ?? 'unknown',
      bit_depth: bitDepthOf(video),
      fps: round(fps, 6),
      r_fps: round(rFps ?? fps, 6),
      r_frame_rate: video.r_frame_rate ?? '0/0',
      avg_frame_rate: video.avg_frame_rate ?? '0/0',
      variable_frame_rate: variable,
      frame_count: nbFrames !== null && nbFrames > 0 ? Math.round(nbFrames) : Math.max(1, Math.round(duration * fps)),
      duration_s: duration,
      rotation,
      color: { primaries: known(video.color_primaries), transfer, matrix: known(video.color_space), range: known(video.color_range) },
      hdr: transfer === 'smpte2084' ? 'pq' : transfer === 'arib-std-b67' ? 'hlg' : 'sdr',
    },
    audio: audio.map((a) => ({ index: a.index, codec: a.codec_name ?? 'unknown', channels: a.channels ?? 0, sample_rate: num(a.sample_rate) ?? 0 })),
    other_streams: others.map((s) => ({ index: s.index, codec_type: s.codec_type ?? 'unknown', codec: s.codec_name ?? null })),
  };
}

/**
 * Clockwise degrees (0, 90, 180, 270) a player turns the stored frame to show it — the
 * angle ffmpeg's own autorotate uses: minus the display matrix's (counter-clockwise)
 * rotation, or the legacy `rotate` tag as written.
 */
export function rotationOf(stream: FfprobeStream): number {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && typeof d.rotation === 'number');
  const raw = matrix ? -(matrix.rotation as number) : Number(stream.tags?.rotate ?? 0);
  const quarter = Math.round((Number.isFinite(raw) ? raw : 0) / 90) * 90;
  return ((quarter % 360) + 360) % 360;
}

/**
 * The container family the output keeps: `mp4` and `mov` (one demuxer; QuickTime's brand
 * tells them apart), `webm` when every stream is a WebM codec (Matroska's demuxer reads
 * both), `matroska`, else ffprobe's first demuxer alias.
 */
function containerOf(formatName: string, tags: Record<string, string>, streams: FfprobeStream[]): string {
  const names = formatName.split(',');
  if (names.includes('mov') || names.includes('mp4')) return (tags.major_brand ?? '').trim() === 'qt' ? 'mov' : 'mp4';
  if (names.includes('matroska')) {
    const codecs = streams.filter((s) => s.codec_type === 'video' || s.codec_type === 'audio').map((s) => s.codec_name ?? '');
    return codecs.length > 0 && codecs.every((c) => WEBM_CODECS.has(c)) ? 'webm' : 'matroska';
  }
  return names[0] || 'unknown';
}

function bitDepthOf(stream: FfprobeStream): number {
  const raw = num(stream.bits_per_raw_sample);
  if (raw !== null && raw > 0) return raw;
  const m = /p(9|10|12|14|16)(le|be)?$/.exec(stream.pix_fmt ?? '');
  return m ? Number(m[1]) : 8;
}

/** `30000/1001` → 29.97; `0/0` or junk → null. */
export function fraction(text: string | undefined): number | null {
  if (!text) return null;
  const [n, d = '1'] = text.split('/');
  const value = Number(n) / Number(d);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function num(text: string | number | undefined): number | null {
  if (text === undefined || text === 'N/A') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function firstPositive(...values: (number | null)[]): number | null {
  return values.find((v): v is number => v !== null && v > 0) ?? null;
}

function known(value: string | undefined): string | null {
  return value && value !== 'unknown' && value !== 'unspecified' && value !== 'reserved' ? value : null;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
