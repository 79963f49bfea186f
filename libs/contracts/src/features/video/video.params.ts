import type { MatchMethodName } from '../match/match-request.dto';
import type { MatchParamsInput } from '../match/match.params';
import type { VideoQuality } from './video-pricing';

/**
 * What a clip is graded toward — exactly one source, the same for /video/test and
 * /video/grade so the test frame gets the LUT the clip would get:
 *  - `reference`: matched to a reference image (input role `reference`) with a method and params;
 *  - `preset`: a built-in colour preset at an intensity;
 *  - `look`: a cinematic look (its colour part as a LUT, its spatial effects per frame, seeded).
 */
export type VideoGradeSource =
  | { kind: 'reference'; method: MatchMethodName; params: MatchParamsInput }
  | { kind: 'preset'; preset: string; intensity: number }
  | { kind: 'look'; look: string; intensity: number };

/** The per-plan limits the worker checks a probed video against (from VIDEO_PLAN_LIMITS of the caller's plan). */
export type VideoLimitParams = { max_duration_s: number; max_bytes: number };

/** `video_probe`: the uploaded video (input `video`) checked against the caller's plan. */
export type VideoProbeTaskParams = { limits: VideoLimitParams };

/** `video_test`: one frame (`timestamp` seconds, null = the first) graded as `quality` would grade the clip. */
export type VideoTestTaskParams = { source: VideoGradeSource; quality: VideoQuality; timestamp: number | null; limits: VideoLimitParams };

/** `video_grade`: the whole clip; `reported_duration_s` is what the up-front charge was computed from. */
export type VideoGradeTaskParams = { source: VideoGradeSource; quality: VideoQuality; reported_duration_s: number; limits: VideoLimitParams };
