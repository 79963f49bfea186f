import { Inject, Injectable } from '@nestjs/common';
import type { DeletedHistoryEntry } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../../common/logger.provider';
import { STORAGE } from '../../storage/storage.provider';
import { storedKeysOf } from './history-stored-keys';

/** How many objects are deleted at once: a DELETE of a long history must not open thousands of requests to S3. */
const CONCURRENCY = 8;

/**
 * Deletes the stored objects of history entries whose rows are already gone.
 *
 * Order (docs/library.md): rows first, in one transaction, then objects, best effort.
 * The other order could leave an entry whose files are gone — a library item that
 * lists but cannot open, which is worse for a user than an object nobody points at.
 * An object that cannot be deleted is logged with its key (`history_object_delete_failed`)
 * for an operator to remove; the request still succeeds, since the entry is gone.
 */
@Injectable()
export class HistoryObjectsCleaner {
  constructor(
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async deleteObjectsOf(ownerId: string, entries: readonly DeletedHistoryEntry[]): Promise<void> {
    const queue = entries.flatMap((entry) => storedKeysOf(ownerId, entry).map((key) => ({ key, historyId: entry.id })));
    const next = async (): Promise<void> => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { key, historyId } = item;
        await this.storage.delete(key).catch((error: unknown) => {
          this.logger.warn({ event: 'history_object_delete_failed', ownerId, historyId, key, err: error instanceof Error ? error.message : String(error) }, 'a deleted history entry left an object behind');
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, next));
  }
}
