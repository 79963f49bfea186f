import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** An inline image field: base64 (or a data: URI) or an http(s) URL. Deprecated in favour of the key field. */
export function InlineImageField(description = 'Base64 image data (or a data: URI), or an http(s) URL. Deprecated — prefer the `_key` field.') {
  return applyDecorators(ApiPropertyOptional({ description, deprecated: true, type: String }), IsOptional(), IsString());
}

/** A storage-key image field: a key under your own namespace from POST /api/v1/storage/presign or /storage/upload. */
export function ImageKeyField(description = 'Storage key from POST /api/v1/storage/presign (preferred). Exactly one of this or the inline field.') {
  return applyDecorators(ApiPropertyOptional({ description, example: 'u/3f0c…/images/7d1e…-photo.jpg', type: String }), IsOptional(), IsString(), MaxLength(1024));
}
