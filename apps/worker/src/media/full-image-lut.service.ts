import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Lut3D, RgbImage } from '@gradekit/color';
import type { WorkerConfig } from '@gradekit/config';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { ThreadedLutApplier } from './lut-apply-threads';

/**
 * Applies a LUT to a full-resolution image in place (the decoded buffer is the
 * job's own, so no second 36 MB buffer for 12 MP), split across
 * LUT_APPLY_THREADS threads when the image is large enough to be worth it.
 */
@Injectable()
export class FullImageLut implements OnApplicationShutdown {
  private readonly applier: ThreadedLutApplier;

  constructor(@Inject(WORKER_CONFIG) config: WorkerConfig) {
    this.applier = new ThreadedLutApplier({ threads: config.lutApplyThreads });
  }

  apply(image: RgbImage, lut: Lut3D): Promise<RgbImage> {
    return this.applier.apply(image, lut, { out: image.data });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.applier.close();
  }
}
