import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@gradekit/config';
import { WORKER_LOGGER } from '../../common/logger.provider';
import { WORKER_CONFIG } from '../../config/worker-config.provider';

/** A scratch folder older than this belongs to a worker that died mid-job (SIGKILL, OOM): swept at start. */
const STALE_MS = 6 * 3600 * 1000;

/**
 * Temporary files of a video job: the downloaded source, the graded output before it is
 * stored. They live under the data directory (`<DATA_DIR>/tmp/video/<task id>`), never
 * in memory or /tmp, and go when the job ends, succeeded or failed. The folder is named
 * by the task, so a re-run of the task on this machine starts from a clean folder; a
 * killed worker's folders are swept when a worker starts.
 */
@Injectable()
export class VideoScratch implements OnModuleInit {
  readonly root: string;

  constructor(
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {
    this.root = path.join(config.dataDir, 'tmp', 'video');
  }

  async onModuleInit(): Promise<void> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const now = Date.now();
    let swept = 0;
    for (const name of names) {
      const dir = path.join(this.root, name);
      const info = await stat(dir).catch(() => null);
      if (info && now - info.mtimeMs > STALE_MS) {
        await rm(dir, { recursive: true, force: true });
        swept++;
      }
    }
    if (swept) this.logger.info({ swept, root: this.root }, 'removed stale video scratch folders');
  }

  /** Runs `work` with a fresh folder for the task, removed afterwards whatever happens. */
  async use<T>(taskId: string, work: (dir: string) => Promise<T>): Promise<T> {
    const dir = path.join(this.root, taskId);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    try {
      return await work(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
