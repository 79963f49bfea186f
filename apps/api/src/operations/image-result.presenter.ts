import { Inject, Injectable } from '@nestjs/common';
import { OPERATION_CATALOG, isOperationName, type ImageResult } from '@gradekit/contracts';
import type { StorageDriver } from '@gradekit/storage';
import { STORAGE } from '../storage/storage.provider';

/** Presigned result URLs last as long as S3 allows, so a result link in a webhook or a log stays usable for a week. */
export const RESULT_URL_TTL_SECONDS = 7 * 24 * 3600;

function isImageResult(value: unknown): value is ImageResult {
  return typeof value === 'object' && value !== null && typeof (value as ImageResult).key === 'string' && typeof (value as ImageResult).format === 'string';
}

function isImageLikeKey(value: unknown): value is { key: string; filename?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/**
 * Adds what only the api can add to a stored image result: a presigned download
 * URL (and a thumbnail URL), and the image itself as base64 when the caller wants
 * it inline — because they asked (`response_format: "base64"`) or because they sent
 * their input as base64, as the spec's older clients expect.
 */
@Injectable()
export class ImageResultPresenter {
  constructor(@Inject(STORAGE) private readonly storage: StorageDriver) {}

  async present(op: string, result: unknown, options: { inlineBase64?: boolean } = {}): Promise<{ result: unknown; image?: string }> {
    if (!isOperationName(op)) return { result };
    const output = OPERATION_CATALOG[op].output;
    if (output === 'image' && isImageResult(result)) {
      const { image, ...presented } = await this.presentImage(result, options.inlineBase64 === true);
      return { result: presented, ...(image === undefined ? {} : { image }) };
    }
    if (output === 'images' && typeof result === 'object' && result !== null && Array.isArray((result as { items?: unknown }).items)) {
      const items = await Promise.all(
        (result as { items: unknown[] }).items.map((item) => (isImageResult(item) ? this.presentImage(item, options.inlineBase64 === true) : item)),
      );
      return { result: { ...result, items } };
    }
    if (output === 'video' && isImageLikeKey(result)) {
      // The graded clip, its thumbnail and its LUT(s): each a presigned URL beside its key.
      const video = result as { key: string; thumbnail_key?: unknown; lut_key?: unknown };
      const [url, thumbnailUrl, lutUrl] = await Promise.all([
        this.storage.presignGet(video.key, RESULT_URL_TTL_SECONDS),
        typeof video.thumbnail_key === 'string' ? this.storage.presignGet(video.thumbnail_key, RESULT_URL_TTL_SECONDS) : Promise.resolve(undefined),
        typeof video.lut_key === 'string' ? this.storage.presignGet(video.lut_key, RESULT_URL_TTL_SECONDS, video.lut_key.split('/').pop()) : Promise.resolve(undefined),
      ]);
      return { result: { ...result, url, thumbnail_url: thumbnailUrl, lut_url: lutUrl } };
    }
    if (output === 'lut' && isImageLikeKey(result)) {
      const url = await this.storage.presignGet(result.key, RESULT_URL_TTL_SECONDS, result.filename);
      return { result: { ...result, url } };
    }
    return { result };
  }

  private async presentImage(result: ImageResult, inlineBase64: boolean): Promise<ImageResult & { thumbnail_url?: string; image?: string }> {
    const [url, thumbnailUrl, image] = await Promise.all([
      this.storage.presignGet(result.key, RESULT_URL_TTL_SECONDS),
      result.thumbnail_key ? this.storage.presignGet(result.thumbnail_key, RESULT_URL_TTL_SECONDS) : Promise.resolve(undefined),
      inlineBase64 ? this.storage.get(result.key).then((bytes) => bytes.toString('base64')) : Promise.resolve(undefined),
    ]);
    return { ...result, url, thumbnail_url: thumbnailUrl, ...(image === undefined ? {} : { image }) };
  }
}
