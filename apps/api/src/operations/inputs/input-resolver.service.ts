import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { safeFetch } from '@gradekit/net';
import { buildObjectKey, type StorageDriver } from '@gradekit/storage';
import { API_CONFIG } from '../../config/api-config.provider';
import { assertOwnedKey } from '../../storage/owned-key';
import { STORAGE } from '../../storage/storage.provider';
import { decodeBase64Field, looksLikeUrl } from './base64-input';
import { SUPPORTED_IMAGE_FORMATS, sniffImageType } from './image-type';

/**
 * One image input of a request, as the spec names its two fields: the inline one
 * (`image`: base64 or an http(s) URL, deprecated) and the storage-key one
 * (`image_key`, preferred). Exactly one of them must be given.
 */
export interface ImageInputField<Role extends string = string> {
  /** The role the worker reads it under, e.g. "image", "reference", "target:0". */
  role: Role;
  /** The inline field's name, or null when the input can only be a storage key. */
  inlineField: string | null;
  keyField: string;
  inline?: string | null;
  key?: string | null;
}

export interface ResolvedInput {
  role: string;
  key: string;
  /** How the caller sent it; base64 callers get base64 back. */
  source: 'key' | 'base64' | 'url';
}

/**
 * Turns request inputs into storage keys owned by the caller: a key must be the
 * caller's and exist (another owner's key is a 404, like a missing one); base64
 * is decoded, checked and stored; a URL is fetched behind the SSRF guard. In
 * sandbox mode nothing is stored or fetched — inputs are only validated.
 */
@Injectable()
export class InputResolver {
  constructor(
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async resolveAll(ownerId: string, fields: ImageInputField[], sandbox: boolean): Promise<ResolvedInput[]> {
    return Promise.all(fields.map((field) => this.resolve(ownerId, field, sandbox)));
  }

  async resolve(ownerId: string, field: ImageInputField, sandbox: boolean): Promise<ResolvedInput> {
    const hasInline = typeof field.inline === 'string' && field.inline.length > 0;
    const hasKey = typeof field.key === 'string' && field.key.length > 0;
    if (hasInline === hasKey || (hasInline && field.inlineField === null)) {
      if (field.inlineField === null) throw DomainError.validation(`${field.keyField} is required`, [{ field: field.keyField, message: 'a storage key from POST /api/v1/storage/presign' }]);
      throw DomainError.validation(`Provide exactly one of ${field.keyField} or ${field.inlineField}`, [
        { field: field.keyField, message: `storage key from POST /api/v1/storage/presign (preferred)` },
        { field: field.inlineField, message: 'base64 image data or an http(s) URL (deprecated)' },
      ]);
    }
    if (hasKey) return { role: field.role, key: await this.checkKey(ownerId, field.keyField, field.key as string, sandbox), source: 'key' };
    const inlineField = field.inlineField as string;
    const inline = (field.inline as string).trim();
    if (looksLikeUrl(inline)) {
      const key = sandbox ? this.checkUrlSyntax(inlineField, inline) : await this.fetchUrl(ownerId, inlineField, inline);
      return { role: field.role, key, source: 'url' };
    }
    const bytes = decodeBase64Field(inlineField, inline, this.config.limits.maxInputBytes);
    const key = sandbox ? this.checkImageBytes(inlineField, bytes) && 'sandbox' : await this.storeImage(ownerId, inlineField, bytes);
    return { role: field.role, key, source: 'base64' };
  }

  private async checkKey(ownerId: string, field: string, key: string, sandbox: boolean): Promise<string> {
    assertOwnedKey(ownerId, key, field);
    if (!sandbox && !(await this.storage.head(key))) {
      throw new DomainError('NOT_FOUND', `${field} not found`, [{ field, message: 'no such object in your storage (upload it to the presigned URL first)' }]);
    }
    return key;
  }

  private checkUrlSyntax(field: string, value: string): string {
    try {
      new URL(value);
      return 'sandbox';
    } catch {
      throw DomainError.validation(`${field} is not a valid URL`, [{ field, message: 'must be an http(s) URL' }]);
    }
  }

  private checkImageBytes(field: string, bytes: Buffer): true {
    if (!sniffImageType(bytes)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `${field} is not a supported image`, [{ field, message: `supported formats: ${SUPPORTED_IMAGE_FORMATS.join(', ')}` }]);
    }
    return true;
  }

  private async fetchUrl(ownerId: string, field: string, url: string): Promise<string> {
    const { urlFetch, limits } = this.config;
    const fetched = await safeFetch(url, {
      maxBytes: limits.maxInputBytes,
      timeoutMs: urlFetch.timeoutMs,
      maxRedirects: urlFetch.maxRedirects,
      policy: { allowHosts: urlFetch.allowHosts },
    }).catch((error: unknown) => {
      // The guard names its field `url`; the request's field (image, reference…) must win.
      if (error instanceof DomainError) throw new DomainError(error.code, `${field}: ${error.message}`, error.details.map((d) => ({ ...d, field })));
      throw error;
    });
    return this.storeImage(ownerId, field, fetched.body);
  }

  private async storeImage(ownerId: string, field: string, bytes: Buffer): Promise<string> {
    this.checkImageBytes(field, bytes);
    const type = sniffImageType(bytes)!;
    const key = buildObjectKey(ownerId, 'inputs', `${field}.${type.extension}`);
    await this.storage.put(key, bytes, type.contentType);
    return key;
  }
}
