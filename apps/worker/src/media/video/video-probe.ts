import type { VideoProbeBody } from '@gradekit/contracts';

/**
 * What the prober reads from a file: the public probe (`VideoProbeBody`, the contract the
 * api answers with) plus the few exact values the pipeline needs and the API does not show
 * (frame rates as ffmpeg's fractions, the coded stream's container family). Every field is
 * JSON, so a handler may store it in a task row as it is; `probeBody` strips the extras.
 */
export type VideoProbe = VideoProbeBody & {
  /** ffprobe's demuxer list as it printed it, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  format_name: string;
  video: VideoProbeBody['video'] & {
    /** `r_frame_rate` / `avg_frame_rate` exactly as ffprobe printed them (e.g. `30000/1001`). */
    r_frame_rate: string;
    avg_frame_rate: string;
    /** Size as displayed: width and height swapped when rotation is 90 or 270. */
    display_width: number;
    display_height: number;
    duration_s: number;
    /** `High`, `Main 10`, … or null. */
    profile: string | null;
  };
  /** Streams that are neither the graded video nor audio (a second video track, subtitles, data, cover art); not carried into the output. */
  other_streams: { index: number; codec_type: string; codec: string | null }[];
};

/** The public shape only (what `VideoProbeBody` declares), for task results and API answers. */
export function probeBody(probe: VideoProbe): VideoProbeBody {
  const v = probe.video;
  return {
    container: probe.container,
    duration_s: probe.duration_s,
    bytes: probe.bytes,
    bit_rate: probe.bit_rate,
    video: {
      index: v.index,
      codec: v.codec,
      width: v.width,
      height: v.height,
      pix_fmt: v.pix_fmt,
      bit_depth: v.bit_depth,
      fps: v.fps,
      r_fps: v.r_fps,
      variable_frame_rate: v.variable_frame_rate,
      frame_count: v.frame_count,
      rotation: v.rotation,
      color: { ...v.color },
      hdr: v.hdr,
    },
    audio: probe.audio.map((a) => ({ ...a })),
  };
}
