import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { VIDEO_PLAN_LIMITS, VideoUploadRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { VideoUploadService } from './video-upload.service';

const LIMITS = Object.entries(VIDEO_PLAN_LIMITS)
  .map(([plan, l]) => `${plan} ${l.maxDurationSeconds / 60} min / ${Math.round(l.maxBytes / 1024 / 1024)} MiB`)
  .join(', ');

@ApiTags('Storage')
@Controller('api/v1/storage/upload/video')
export class VideoUploadController {
  constructor(private readonly uploads: VideoUploadService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload a video file via base64 or presign workflow (free)',
    description:
      'Three shapes. (1) `{ data, filename? }`: a small video as base64 (≤ 50 MB), stored and probed. (2) `{ filename, content_type, bytes }`: starts ' +
      'a presigned upload — one `upload_url` to PUT the file to (local storage streams it to disk), or for large files on S3 a multipart upload: ' +
      '`upload_id`, `part_bytes` and one URL per part; PUT each `part_bytes` slice to its URL and keep each response’s ETag. (3) `{ video_key, ' +
      'upload_id?, parts? }` after the upload: completes the multipart upload (`parts: [{ part_number, etag }]`) and probes the file. The probe (ffprobe ' +
      'on the worker) answers `{ key, url, bytes, content_type, probe: { container, duration_s, video: { codec, width, height, fps, rotation, color, hdr, … }, ' +
      'audio: […] } }`. Not a video, empty or truncated: 422 INVALID_VIDEO; longer than the plan allows: 422 VIDEO_TOO_LONG; larger: 413 VIDEO_TOO_LARGE — ' +
      `the file is deleted and nothing is charged. Plan limits: ${LIMITS}.`,
  })
  @ApiOkResponse({ description: 'The stored video and its probe, or (shape 2) where to upload it.' })
  upload(@Body() body: VideoUploadRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    return this.uploads.handle(req, res, body);
  }
}
