import { Inject, Injectable } from '@nestjs/common';
import type { HistoryThumbnail } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import type { HistoryEntry } from '@prisma/client';
import { RESULT_URL_TTL_SECONDS } from '../../operations/image-result.presenter';
import { STORAGE } from '../../storage/storage.provider';

/** One entry of GET /history. Every file field is null when the entry has no such file (a LUT export has no image, an image no LUT). */
export interface HistoryItemView {
  id: string;
  op: string;
  task_id: string;
  created_at: string;
  params: unknown;
  input_keys: unknown;
  result: {
    key: string | null;
    url: string | null;
    thumbnail_key: string | null;
    thumbnail_url: string | null;
    lut_key: string | null;
    lut_url: string | null;
  };
}

export interface FilmstripItemView {
  history_id: string;
  op: string;
  created_at: string;
  thumbnail_url: string;
}

/** GET /history/{id}/image, /lut, /video: one presigned file. */
export interface HistoryFileView {
  history_id: string;
  key: string;
  url: string;
  expires_in: number;
  expires_at: string;
}

/** Turns history rows into their public shape: snake_case, ISO times, presigned URLs (RESULT_URL_TTL_SECONDS, like a result's). */
@Injectable()
export class HistoryPresenter {
  constructor(@Inject(STORAGE) private readonly storage: StorageDriver) {}

  async item(entry: HistoryEntry): Promise<HistoryItemView> {
    const [url, thumbnailUrl, lutUrl] = await Promise.all([this.url(entry.outputKey), this.url(entry.thumbnailKey), this.url(entry.lutKey, lutFilename(entry.lutKey))]);
    return {
      id: entry.id,
      op: entry.op,
      task_id: entry.taskId,
      created_at: entry.createdAt.toISOString(),
      params: entry.params,
      input_keys: entry.inputKeys,
      result: { key: entry.outputKey, url, thumbnail_key: entry.thumbnailKey, thumbnail_url: thumbnailUrl, lut_key: entry.lutKey, lut_url: lutUrl },
    };
  }

  async filmstripItem(thumbnail: HistoryThumbnail): Promise<FilmstripItemView> {
    return { history_id: thumbnail.id, op: thumbnail.op, created_at: thumbnail.createdAt.toISOString(), thumbnail_url: await this.storage.presignGet(thumbnail.thumbnailKey, RESULT_URL_TTL_SECONDS) };
  }

  async file(historyId: string, key: string, downloadName?: string): Promise<HistoryFileView> {
    const url = await this.storage.presignGet(key, RESULT_URL_TTL_SECONDS, downloadName);
    return { history_id: historyId, key, url, expires_in: RESULT_URL_TTL_SECONDS, expires_at: new Date(Date.now() + RESULT_URL_TTL_SECONDS * 1000).toISOString() };
  }

  private url(key: string | null, downloadName?: string): Promise<string | null> {
    return key ? this.storage.presignGet(key, RESULT_URL_TTL_SECONDS, downloadName) : Promise.resolve(null);
  }
}

/** A LUT downloads under its own file name (`<task id>.cube`, or `.zip` for a per-shot video grade). */
export function lutFilename(key: string | null): string | undefined {
  return key?.split('/').pop();
}
