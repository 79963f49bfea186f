import type { ImageResult } from '../../operations/image-result';
import type { VideoQuality } from './video-pricing';

/** ffprobe's view of a video, in the API's shape (every field JSON). */
export type VideoProbeBody = {
  /** The container as ffprobe names its demuxer's first alias: mp4 (mov family), matroska, webm, avi, … */
  container: string;
  duration_s: number;
  bytes: number;
  bit_rate: number | null;
  video: {
    index: number;
    codec: string;
    width: number;
    height: number;
    pix_fmt: string;
    bit_depth: number;
    /** Average frame rate (frames ÷ duration); `r_fps` is the stream's base rate. */
    fps: number;
    r_fps: number;
    variable_frame_rate: boolean;
    frame_count: number | null;
    /** Display rotation in degrees (0, 90, 180, 270), kept as metadata on graded output. */
    rotation: number;
    color: { primaries: string | null; transfer: string | null; matrix: string | null; range: string | null };
    /** `pq` (SMPTE ST 2084) or `hlg` (ARIB STD-B67) transfer: HDR; else `sdr`. */
    hdr: 'sdr' | 'pq' | 'hlg';
  };
  audio: { index: number; codec: string; channels: number; sample_rate: number }[];
};

/** POST /storage/upload/video: the stored file and its probe. */
export type VideoUploadResult = { key: string; url?: string; bytes: number; content_type: string | null; probe: VideoProbeBody };

/** A detected scene change. A dissolve spans `frame`…`end_frame`; a cut has end_frame = frame. */
export type VideoCut = { frame: number; time_s: number; kind: 'cut' | 'dissolve'; end_frame: number };

/** One shot of a `perfect` grade and the LUT it got. */
export type VideoShot = { index: number; start_frame: number; end_frame: number; start_s: number; end_s: number; lut_key: string };

/** POST /video/test: the graded frame, and how it was chosen and graded. */
export interface VideoTestResult extends ImageResult {
  timestamp: number;
  frame_index: number;
  quality: VideoQuality;
  source: string;
  /** The .cube the frame was graded with (the clip's LUT for this frame's shot). */
  lut_key: string;
}

/** POST /video/grade: the graded video and everything needed to audit it. */
export interface VideoGradeResult {
  key: string;
  url?: string;
  bytes: number;
  content_type: string;
  quality: VideoQuality;
  source: string;
  /** The graded output's probe (rotation, colour tags, fps, audio kept from the source). */
  probe: VideoProbeBody;
  source_probe: VideoProbeBody;
  /** Scene changes found (`perfect`; empty for the other tiers, which do not look for them). */
  cuts: VideoCut[];
  shots: VideoShot[];
  /** The clip's LUT (`test`, `pro`), or a zip of the per-shot LUTs with their time ranges (`perfect`). */
  lut_key: string;
  /** One .cube per shot, in shot order (the clip's one .cube when there is one shot). */
  lut_keys: string[];
  frames: number;
  /** Frames sampled to fit the grade (reference matches). */
  fit_frames: number;
  encoder: string;
  processing_fps: number;
  /** Mean-L* flicker of the output inside shots minus the source's (ΔL*; ≤ 0.5 is the bound the tests hold). */
  flicker_delta_l: number | null;
  credits_charged: number;
  credits_reconciled: number;
  thumbnail_key: string;
}
