import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { VIDEO_CREDITS_PER_SECOND, VIDEO_QUALITIES, VideoGradeRequestDto, VideoTestRequestDto, videoGradeCredits, videoPricingText } from '@gradekit/contracts';
import type { GradekitRequest, Principal } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';
import { GradingCatalog } from '../grading/grading-catalog.service';
import { videoGradeSource, videoLimitsFor } from './video-grade-source';

const TIERS =
  '`test`: half resolution, one LUT fitted on the middle frame. `pro` (default): one LUT for the clip, fitted on frames sampled across the whole clip. ' +
  '`perfect`: cuts and dissolves are detected (listed in `result.cuts`), one LUT is fitted per shot on that shot’s frames, constant within the shot ' +
  '(no flicker), and a dissolve gets LUTs interpolated frame by frame.';

const PRICING = `Credits: ${videoPricingText()} (${VIDEO_QUALITIES.map((q) => `${q}: ${VIDEO_CREDITS_PER_SECOND[q]}/s`).join(', ')}; e.g. a 12 s clip at pro costs ${videoGradeCredits(12, 'pro')}). `;

@ApiTags('Video Grading')
@Controller('api/v1/video')
export class VideoController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly catalog: GradingCatalog,
  ) {}

  @Post('test')
  @HttpCode(200)
  @Operation('video_test')
  @ApiOperation({
    summary: operationSummary('video_test', 'Test a colour grade on one video frame'),
    description:
      'Grades one frame (the first, or the frame at `timestamp` seconds) with exactly the options /video/grade takes — a reference ' +
      '(`reference_key` + `method` + `params`), a `preset` (+ `preset_intensity`) or a `look_name` — and answers it as an image result, so the grade ' +
      'can be seen before the clip is paid for. The frame gets the LUT the clip would get at `quality` (the same code fits both), so it agrees with ' +
      'the same frame of the graded clip within 1 ΔE2000 before encoding. The frame is the decoded picture as stored (rotation metadata is not ' +
      'applied, as the graded clip keeps it as metadata). ' + TIERS,
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, thumbnail_key, timestamp, frame_index, quality, source, lut_key }, credits_used, credits_remaining, sandbox }`' })
  test(@Body() body: VideoTestRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const source = videoGradeSource(body, this.catalog);
    const plan = (req.principal as Principal).user.planId;
    return this.runner.run(req, res, 'video_test', {
      inputs: inputFieldsOf('video_test', body, source.kind === 'reference' ? ['video', 'reference'] : ['video']),
      params: { source, quality: body.quality, timestamp: body.timestamp ?? null, limits: videoLimitsFor(plan) },
      webhookUrl: body.webhook_url ?? null,
    });
  }

  @Post('grade')
  @HttpCode(202)
  @Operation('video_grade')
  @ApiOperation({
    summary: operationSummary('video_grade', 'Grade a whole video (asynchronous)'),
    description:
      'Answers `202 { task_id, status, status_url }` at once; `GET /api/v1/tasks/{id}` shows `progress` 0–100 and `eta_seconds` from ffmpeg’s ' +
      'progress, then the result: the graded video’s key and URL, its probe, the cut list, the shots and the LUT key(s) (also at ' +
      '`GET /api/v1/history/{history_id}/video` and `/lut`). `webhook_url` (or the account default) receives a signed `task.completed` / ' +
      '`task.failed` event. ' + TIERS + ' ' + PRICING +
      'The charge is made up front from `duration`; when the job starts, ffprobe’s duration sets the true price and the difference is charged or ' +
      'refunded once (a ledger `adjustment`; a further charge your balance cannot cover fails the task, refunded). A failed grade is refunded in full. ' +
      'Audio is copied untouched; frame rate, resolution, rotation, colour tags and the container are kept. Encoder: libx264 (CRF 18) by default; ' +
      'the worker’s VIDEO_ENCODER / VIDEO_CRF configure it (libx265, or NVENC on GPUs that have it, falling back to CPU).',
  })
  @ApiAcceptedResponse({ description: '`{ task_id, status: "queued", status_url, credits_used, credits_remaining, sandbox: false }`' })
  grade(@Body() body: VideoGradeRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const source = videoGradeSource(body, this.catalog);
    const plan = (req.principal as Principal).user.planId;
    return this.runner.run(req, res, 'video_grade', {
      inputs: inputFieldsOf('video_grade', body, source.kind === 'reference' ? ['video', 'reference'] : ['video']),
      params: { source, quality: body.quality, reported_duration_s: body.duration, limits: videoLimitsFor(plan) },
      units: videoGradeCredits(body.duration, body.quality),
      webhookUrl: body.webhook_url ?? null,
      wait: false,
    });
  }
}
