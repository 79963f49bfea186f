import { Module } from '@nestjs/common';
import { VIDEO_MEDIA_PROVIDERS } from '../../media/video';
import { VideoGradeHandler } from './video-grade.handler';
import { VideoGradePlanner } from './video-grade.planner';
import { VideoLutStore } from './video-lut.store';
import { VideoProbeHandler } from './video-probe.handler';
import { VideoScratch } from './video-scratch';
import { VideoSourceLoader } from './video-source.loader';
import { VideoTestHandler } from './video-test.handler';

/** Video on the `video` queue: the probe after an upload, the test frame and the graded clip, with the ffmpeg adapters they run on. */
@Module({
  providers: [
    ...VIDEO_MEDIA_PROVIDERS,
    VideoScratch,
    VideoSourceLoader,
    VideoGradePlanner,
    VideoLutStore,
    VideoProbeHandler,
    VideoTestHandler,
    VideoGradeHandler,
  ],
})
export class VideoFeature {}
