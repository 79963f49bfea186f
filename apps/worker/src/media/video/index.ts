// The worker's video media adapters (README.md): the only code that runs ffmpeg/ffprobe.
import { VideoCapabilities } from './video-capabilities';
import { VideoFramesReader } from './video-frames.reader';
import { VideoGrader } from './video-grader';
import { VideoProber } from './video-prober';

export * from './video-probe';
export * from './video-prober';
export * from './video-frames.reader';
export * from './video-grader';
export * from './video-capabilities';
export { outputFormatFor, rawFrameFormat, type VideoEncodeSettings, type VideoOutputFormat } from './ffmpeg-args';
export { FRAME_THREAD_REGISTER } from './frame-apply-pool';

/** Providers for a feature module (each needs WORKER_CONFIG; VideoCapabilities also WORKER_LOGGER). One VideoCapabilities per module: its GPU check runs once. */
export const VIDEO_MEDIA_PROVIDERS = [VideoCapabilities, VideoProber, VideoFramesReader, VideoGrader];
