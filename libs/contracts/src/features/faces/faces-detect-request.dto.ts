import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** The most faces one answer lists (a group photo's worth; the model's own limit is its anchors). */
export const MAX_FACES_LIMIT = 100;

/** POST /api/v1/faces/detect — exactly one of `image_key` or `image`. */
export class FacesDetectRequestDto {
  @InlineImageField('Base64-encoded image or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description: "Lowest detection score (probability 0–1) a face must exceed. Default: the model's threshold (0.75 for the built-in BlazeFace).",
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  min_score?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FACES_LIMIT, description: `At most this many faces, best first. Default ${MAX_FACES_LIMIT}.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FACES_LIMIT)
  max_faces?: number;

  @WebhookUrlField()
  webhook_url?: string;
}
