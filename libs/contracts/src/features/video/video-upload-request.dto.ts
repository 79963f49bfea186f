import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const CONTENT_TYPE = /^video\/[a-z0-9.+-]+$/i;

/** One uploaded part of an S3 multipart upload: its number and the ETag its PUT answered. */
export class VideoUploadPartDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  part_number!: number;

  @ApiPropertyOptional({ description: 'The ETag header of the part’s PUT response' })
  @IsString()
  @MaxLength(200)
  etag!: string;
}

/**
 * POST /api/v1/storage/upload/video — three shapes, told apart by their fields:
 *  1. `{ data, filename? }`: a small video as base64; stored and probed at once.
 *  2. `{ filename, content_type, bytes }`: start a presigned upload; the answer says where to PUT it
 *     (one URL, or one per part with `upload_id` for S3 multipart).
 *  3. `{ video_key, upload_id?, parts? }`: finish a presigned upload (completing the multipart
 *     upload when there is one); the file is probed.
 */
export class VideoUploadRequestDto {
  @ApiPropertyOptional({ description: 'Base64 video data (small files; larger ones use the presign flow)', deprecated: true })
  @IsOptional()
  @IsString()
  data?: string;

  @ApiPropertyOptional({ description: 'File name (sanitised into the key); its extension is kept', example: 'clip.mp4' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  filename?: string;

  @ApiPropertyOptional({ description: 'Content type of a presigned upload', example: 'video/mp4' })
  @IsOptional()
  @IsString()
  @Matches(CONTENT_TYPE, { message: 'content_type must be a video MIME type such as video/mp4' })
  content_type?: string;

  @ApiPropertyOptional({ description: 'Size in bytes of the file a presigned upload will send (checked against your plan)', example: 104857600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  bytes?: number;

  @ApiPropertyOptional({ description: 'The key of a finished presigned upload, to probe it' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  video_key?: string;

  @ApiPropertyOptional({ description: 'The multipart upload id from step 2 (S3 storage only)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  upload_id?: string;

  @ApiPropertyOptional({ type: [VideoUploadPartDto], description: 'The uploaded parts, in any order (S3 multipart only)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => VideoUploadPartDto)
  parts?: VideoUploadPartDto[];
}
