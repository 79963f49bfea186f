import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { buildObjectKey, isInlineContentType, isUploadableContentType, uploadableContentTypes, type StorageDriver } from '@gradekit/storage';
import { API_CONFIG } from '../config/api-config.provider';
import { decodeBase64Field } from '../operations/inputs/base64-input';
import { SUPPORTED_IMAGE_FORMATS, sniffImageType } from '../operations/inputs/image-type';
import { assertOwnedKey } from './owned-key';
import { STORAGE } from './storage.provider';

export interface StoredFileBody {
  key: string;
  url: string;
  bytes: number;
  content_type: string | null;
  expires_in: number;
  expires_at: string;
}

const DOWNLOAD_URL_TTL = 7 * 24 * 3600;

/**
 * Object storage as users see it: everything lives under their own namespace
 * (`u/<user id>/…`) and a key outside it behaves exactly like a missing one (404).
 */
@Injectable()
export class StorageService {
  constructor(
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async presignUpload(ownerId: string, filename: string, contentType: string, folder: string, expiresIn: number) {
    // Only the media the product handles: a text/html or SVG object would be served back
    // from a storage URL and could run there (stored XSS). On S3 the presigned PUT cannot
    // enforce the type, so downloads of other types are attachments as well (describe).
    if (!isUploadableContentType(contentType)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `content_type ${contentType} cannot be uploaded`, [
        { field: 'content_type', message: `allowed: ${uploadableContentTypes().join(', ')}` },
      ]);
    }
    const key = buildObjectKey(ownerId, folder, filename);
    const uploadUrl = await this.storage.presignPut(key, expiresIn, contentType);
    return {
      key,
      upload_url: uploadUrl,
      method: 'PUT' as const,
      headers: { 'Content-Type': contentType },
      expires_in: expiresIn,
      expires_at: new Date(Date.now() + expiresIn * 1000).toISOString(),
      max_bytes: this.config.limits.maxInputBytes,
    };
  }

  async uploadBase64(ownerId: string, data: string, folder: string, filename?: string): Promise<StoredFileBody> {
    const bytes = decodeBase64Field('data', data, this.config.limits.maxInputBytes);
    const type = sniffImageType(bytes);
    if (!type) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'data is not a supported image', [{ field: 'data', message: `supported formats: ${SUPPORTED_IMAGE_FORMATS.join(', ')}` }]);
    }
    const name = filename ? filename.replace(/\.[A-Za-z0-9]{1,5}$/, '') + `.${type.extension}` : `upload.${type.extension}`;
    const key = buildObjectKey(ownerId, folder, name);
    const stored = await this.storage.put(key, bytes, type.contentType);
    return this.describe(key, stored.bytes, type.contentType, DOWNLOAD_URL_TTL);
  }

  async signedUrl(ownerId: string, key: string, expiresIn: number, field = 'key'): Promise<StoredFileBody> {
    const info = await this.headOwned(ownerId, key, field);
    return this.describe(key, info.bytes, info.contentType, expiresIn);
  }

  async delete(ownerId: string, key: string): Promise<void> {
    await this.headOwned(ownerId, key, 'key');
    await this.storage.delete(key);
  }

  private async headOwned(ownerId: string, key: string, field: string) {
    assertOwnedKey(ownerId, key, field);
    const info = await this.storage.head(key);
    if (!info) throw new DomainError('NOT_FOUND', 'Object not found', [{ field, message: 'no such object in your storage' }]);
    return info;
  }

  private async describe(key: string, bytes: number, contentType: string | null, expiresIn: number): Promise<StoredFileBody> {
    return {
      key,
      // Not an image or a video: the URL downloads (Content-Disposition: attachment) on both drivers.
      url: await this.storage.presignGet(key, expiresIn, isInlineContentType(contentType) ? undefined : key.slice(key.lastIndexOf('/') + 1)),
      bytes,
      content_type: contentType,
      expires_in: expiresIn,
      expires_at: new Date(Date.now() + expiresIn * 1000).toISOString(),
    };
  }
}
