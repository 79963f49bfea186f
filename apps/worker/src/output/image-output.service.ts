import { Injectable } from '@nestjs/common';
import type { RgbImage } from '@gradekit/color';
import { imageOutputOptionsOf, type ImageResult } from '@gradekit/contracts';
import type { HistoryInput } from '@gradekit/db';
import { taskOutputKey, type StorageDriver } from '@gradekit/storage';
import type { TaskSnapshot } from '../operations/operation-handler';
import { ImageEncoder } from '../media/image-encoder';

/**
 * Stores an operation's output image and its thumbnail under keys derived from the
 * task id (taskOutputKey: `u/<user>/results/<task>[-<item>].<ext>`, `u/<user>/thumbnails/…jpg`), so a
 * re-run overwrites its own files instead of leaving orphans, and builds the
 * History entry that points at them.
 */
@Injectable()
export class ImageOutputService {
  constructor(private readonly encoder: ImageEncoder) {}

  /**
   * `preview`, when the caller has one, is a small copy of `image` (a graded proxy):
   * the thumbnail is made from it instead of shrinking the full image again. Ignored
   * for images with alpha, whose thumbnail is flattened on white from the real pixels.
   */
  async store(
    storage: StorageDriver,
    task: TaskSnapshot,
    image: RgbImage,
    inputFormat: string,
    name = task.id,
    preview?: RgbImage,
  ): Promise<{ result: ImageResult; history: HistoryInput }> {
    const thumbnailKey = taskOutputKey(task.userId, 'thumbnails', name, 'jpg');
    const source = preview && image.channels === 3 ? preview : image;
    // The thumbnail is made and written while the (much longer) encode runs.
    const storingThumbnail = this.encoder.thumbnail(source).then((thumb) => storage.put(thumbnailKey, thumb, 'image/jpeg'));
    storingThumbnail.catch(() => undefined); // awaited below; a failed encode must not leave it unhandled
    // The owner's output preferences, resolved into the params by the api (absent: follow the input).
    const written = this.encoder.encode(image, inputFormat, imageOutputOptionsOf(task.params)).then(async (encoded) => {
      const key = taskOutputKey(task.userId, 'results', name, encoded.extension);
      const [stored] = await Promise.all([storage.put(key, encoded.buffer, encoded.contentType), storingThumbnail]);
      return { encoded, key, stored };
    });
    const { encoded, key, stored } = await written.catch(async (error: unknown) => {
      // No thumbnail without its image: a failed task leaves nothing behind in the owner's namespace.
      await storingThumbnail.then(() => storage.delete(thumbnailKey)).catch(() => undefined);
      throw error;
    });
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
      params: task.params,
      inputKeys: task.inputs,
      outputKey: key,
      thumbnailKey,
    };
    return { result, history };
  }
}
