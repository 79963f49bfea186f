import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

// Segments of letters, digits, . _ -; no empty, '.' or '..' segments.
const FOLDER = /^(?!(.*\/)?\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const CONTENT_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/i;

/**
 * Optional, but not nullable: a field left out takes its default, and `null` is validated
 * (and refused) like any other wrong value. IsOptional would let `null` through past the
 * default into the service.
 */
const OptionalNotNull = () => ValidateIf((_dto, value) => value !== undefined);

/** POST /api/v1/storage/presign */
export class PresignRequestDto {
  @ApiPropertyOptional({ default: 'image.jpg', description: 'Name of the file (sanitised into the key)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  filename: string = 'image.jpg';

  @ApiPropertyOptional({ default: 'image/jpeg', description: 'Content type the upload must be sent with' })
  @OptionalNotNull()
  @IsString()
  @Matches(CONTENT_TYPE, { message: 'content_type must be a MIME type such as image/jpeg' })
  content_type: string = 'image/jpeg';

  @ApiPropertyOptional({ default: 'images', description: 'Folder under your namespace, e.g. images, references, videos' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(100)
  @Matches(FOLDER, { message: 'folder may contain letters, digits, . _ - and /' })
  folder: string = 'images';

  @ApiPropertyOptional({ default: 3600, minimum: 60, maximum: 604800, description: 'Seconds the upload URL stays valid' })
  @OptionalNotNull()
  @IsInt()
  @Min(60)
  @Max(604800)
  expires_in: number = 3600;
}

/** POST /api/v1/storage/upload — exactly one of data or data_key. */
export class UploadRequestDto {
  @ApiPropertyOptional({ description: 'Base64 file data, or a data: URI (deprecated — prefer /storage/presign)', deprecated: true })
  @IsOptional()
  @IsString()
  data?: string;

  @ApiPropertyOptional({ description: 'A key already uploaded through /storage/presign: a no-op that returns its URL' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  data_key?: string;

  @ApiPropertyOptional({ default: 'images' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(100)
  @Matches(FOLDER, { message: 'folder may contain letters, digits, . _ - and /' })
  folder: string = 'images';

  @ApiPropertyOptional({ description: 'File name for the key (default: derived from the detected type)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  filename?: string;
}

/** POST /api/v1/storage/url */
export class SignedUrlRequestDto {
  @ApiProperty({ description: 'Storage key of one of your objects' })
  @IsString()
  @MaxLength(1024)
  key!: string;

  @ApiPropertyOptional({ default: 604800, minimum: 1, maximum: 604800, description: 'Seconds the URL stays valid (at most 7 days)' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(604800)
  expires_in: number = 604800;
}

/** The query of a local-storage presigned URL (GET/PUT /api/v1/storage/object/{key}). */
export class LocalObjectQueryDto {
  @IsOptional()
  @IsString()
  op?: string;

  @IsOptional()
  @IsString()
  expires?: string;

  @IsOptional()
  @IsString()
  ct?: string;

  @IsOptional()
  @IsString()
  dn?: string;

  /** A PUT's signed byte limit (libs/storage local-signature.ts). */
  @IsOptional()
  @IsString()
  mb?: string;

  @IsOptional()
  @IsString()
  sig?: string;
}
