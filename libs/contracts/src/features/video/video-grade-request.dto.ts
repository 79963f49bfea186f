import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_MATCH_METHOD } from '@gradekit/color';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { WebhookUrlField } from '../../dto/webhook-url.field';
import { IntensityField } from '../grading/grading-fields';
import { MatchMethodField, MatchParamsDto, MatchParamsField, type MatchMethodName } from '../match/match-request.dto';
import { DEFAULT_VIDEO_QUALITY, VIDEO_QUALITIES, videoPricingText, type VideoQuality } from './video-pricing';

const NAME = /^[a-z0-9_]{1,64}$/;

/**
 * The grade both video routes take: exactly one of a reference (`reference` /
 * `reference_key`, with `method` and `params`), a `preset` (with `preset_intensity`) or
 * a `look_name`. The same options give /video/test's frame the LUT /video/grade gives the clip.
 */
export class VideoGradeOptionsDto {
  @ApiProperty({ description: 'Storage key of the uploaded video (POST /api/v1/storage/upload/video)', example: 'u/3f0c…/videos/7d1e…-clip.mp4' })
  @IsString()
  @MaxLength(1024)
  video_key!: string;

  @InlineImageField('Base64 reference image (deprecated — prefer reference_key)')
  reference?: string;

  @ImageKeyField('Storage key of the reference image from /storage/presign')
  reference_key?: string;

  @ApiPropertyOptional({ description: 'Built-in preset name (GET /api/v1/presets), e.g. cinematic_warm', example: 'cinematic_warm' })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: 'preset must be a preset name from GET /api/v1/presets' })
  preset?: string;

  @IntensityField('Strength of the preset, 0–1 (default 1)')
  preset_intensity: number = 1;

  @ApiPropertyOptional({ description: 'Cinematic look name (GET /api/v1/looks), e.g. blade_runner; its grain moves from frame to frame (seeded by the task)', example: 'blade_runner' })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: 'look_name must be a look name from GET /api/v1/looks' })
  look_name?: string;

  @MatchMethodField()
  method: MatchMethodName = DEFAULT_MATCH_METHOD;

  @MatchParamsField('How the reference match is applied (reference grades only)')
  params?: MatchParamsDto;
}

function QualityField(description: string) {
  return applyDecorators(ApiPropertyOptional({ enum: VIDEO_QUALITIES, default: DEFAULT_VIDEO_QUALITY, description }), IsOptional(), IsIn([...VIDEO_QUALITIES]));
}

/** POST /api/v1/video/test */
export class VideoTestRequestDto extends VideoGradeOptionsDto {
  @ApiPropertyOptional({ description: 'Seconds into the clip of the frame to grade (default: the first frame)', minimum: 0, example: 1.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  timestamp?: number;

  @QualityField('The tier whose LUT the frame gets (its shot’s LUT for `perfect`, the clip’s for `pro`)')
  quality: VideoQuality = DEFAULT_VIDEO_QUALITY;

  @WebhookUrlField()
  webhook_url?: string;
}

/** POST /api/v1/video/grade */
export class VideoGradeRequestDto extends VideoGradeOptionsDto {
  @QualityField('`test`: half resolution, one LUT fitted on the middle frame; `pro`: one LUT fitted on frames sampled across the clip; `perfect`: one LUT per detected shot, dissolves interpolated')
  quality: VideoQuality = DEFAULT_VIDEO_QUALITY;

  @ApiProperty({ description: `Client-reported duration in seconds, for the up-front charge (${videoPricingText()}); reconciled against ffprobe's when the job starts`, minimum: 0.04, maximum: 86400, example: 12.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.04)
  @Max(86400)
  duration!: number;

  @WebhookUrlField()
  webhook_url?: string;
}
