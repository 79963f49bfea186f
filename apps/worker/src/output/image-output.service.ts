import { Injectable } from '@nestjs/common';
import type { RgbImage } from '@gradekit/color';
import type { ImageResult } from '@gradekit/contracts';
import type { HistoryInput } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import type { TaskSnapshot } from '../handlers/operation-handler';
import { ImageEncoder } from '../media/image-encoder';

/**
 * Stores an operation's output image and its thumbnail under keys derived from the
 * task id (`u/<user>/results/<task>[-<item>].<ext>`, `u/<user>/thumbnails/…jpg`), so a
 * re-run overwrites its own files instead of leaving orphans, and builds the
 * History entry that points at them.
 */
@Injectable()
export class ImageOutputService {
  constructor(private readonly encoder: ImageEncoder) {}

  async store(storage: StorageDriver, task: TaskSnapshot, image: RgbImage, inputFormat: string, name = task.id): Promise<{ result: ImageResult; history: HistoryInput }> {
    const encoded = await this.encoder.encode(image, inputFormat);
    const key = `u/${task.userId}/results/${name}.${encoded.extension}`;
    const thumbnailKey = `u/${task.userId}/thumbnails/${name}.jpg`;
    const [stored] = await Promise.all([
      storage.put(key, encoded.buffer, encoded.contentType),
      this.encoder.thumbnail(image).then((thumb) => storage.put(thumbnailKey, thumb, 'image/jpeg')),
    ]);
    const result: ImageResult = {
      key,
      width: encoded.width,
      height: encoded.height,
      format: encoded.format,
      bytes: stored.bytes,
      bit_depth: encoded.bitDepth,
      has_alpha: encoded.hasAlpha,
      thumbnail_key: thumbnailKey,
    };
    const history: HistoryInput = {
      op: task.op,
      params: task.params as HistoryInput['params'],
      inputKeys: task.inputs as HistoryInput['inputKeys'],
      outputKey: key,
      thumbnailKey,
    };
    return { result, history };
  }
}
