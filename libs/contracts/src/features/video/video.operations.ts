import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { VideoGradeRequestDto, VideoTestRequestDto } from './video-grade-request.dto';
import { VideoUploadRequestDto } from './video-upload-request.dto';
import { videoPriceLabel } from './video-pricing';
import type { VideoGradeTaskParams, VideoProbeTaskParams, VideoTestTaskParams } from './video.params';
import type { VideoGradeResult, VideoProbeBody, VideoTestResult } from './video.results';

/** Video on the `video` queue: the probe after an upload, a graded test frame, and the graded clip. */
export const VIDEO_OPERATIONS = {
  video_probe: {
    name: 'video_probe',
    summary: 'ffprobe an uploaded video (container, streams, duration, frame rate, rotation, colour tags) and check it against the plan’s limits.',
    credits: 0,
    minPlan: 'free',
    queue: 'video',
    output: 'data',
    request: VideoUploadRequestDto,
    params: typeOf<VideoProbeTaskParams>(),
    result: typeOf<VideoProbeBody>(),
    inputs: [input('video', { inline: null })],
  },
  video_test: {
    name: 'video_test',
    summary: 'One frame of a video graded with the LUT the clip would get, as an image.',
    credits: 1,
    minPlan: 'pro',
    queue: 'video',
    output: 'image',
    request: VideoTestRequestDto,
    params: typeOf<VideoTestTaskParams>(),
    result: typeOf<VideoTestResult>(),
    inputs: [input('video', { inline: null }), input('reference')],
  },
  video_grade: {
    name: 'video_grade',
    summary: 'A whole clip graded (one LUT per clip, or per shot for `perfect`), audio and metadata kept; asynchronous.',
    credits: 1,
    // Charged as credits × units, units = videoGradeCredits(duration, quality): the label says what that comes to.
    pricing: videoPriceLabel(),
    minPlan: 'pro',
    queue: 'video',
    output: 'video',
    request: VideoGradeRequestDto,
    params: typeOf<VideoGradeTaskParams>(),
    result: typeOf<VideoGradeResult>(),
    inputs: [input('video', { inline: null }), input('reference')],
  },
} as const satisfies OperationEntries;
