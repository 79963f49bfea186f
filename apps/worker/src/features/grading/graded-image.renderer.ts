import { Injectable } from '@nestjs/common';
import { applyEffects, type EffectsConfig, type Lut3D } from '@gradekit/color';
import type { ImageResult } from '@gradekit/contracts';
import type { HistoryInput } from '@gradekit/db';
import { FullImageLut } from '../../media/full-image-lut.service';
import { ImageDecoder } from '../../media/image-decoder';
import { ImageOutputService } from '../../output/image-output.service';
import type { HandlerContext } from '../../operations/operation-handler';

/** The ops that grade one `image` input. */
export type GradingOp = 'preset_apply' | 'film_effects_apply' | 'look_apply';

export interface GradingSteps {
  /** The colour part, applied first in one tetrahedral pass. */
  lut?: Lut3D;
  /** Spatial effects, applied after the LUT (docs/architecture.md: never inside it). */
  effects?: EffectsConfig;
  /** Seed of the grain. */
  seed?: number;
}

/**
 * The pipeline shared by the preset, film-effect and look ops: decode the input at
 * full resolution (orientation applied, alpha and 16-bit depth kept), apply the LUT,
 * then the spatial effects, and store the output, its thumbnail and the History
 * entry under keys derived from the task id (a re-run overwrites its own files).
 */
@Injectable()
export class GradedImageRenderer {
  constructor(
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
    private readonly fullLut: FullImageLut,
  ) {}

  async render(ctx: HandlerContext<GradingOp>, steps: GradingSteps): Promise<{ result: ImageResult; history: HistoryInput }> {
    const bytes = await ctx.loadInput('image');
    const full = await this.decoder.decodeFull(bytes);
    await ctx.reportProgress(20);
    let image = full.image;
    if (steps.lut) {
      image = await this.fullLut.apply(image, steps.lut);
      await ctx.reportProgress(45);
    }
    if (steps.effects) {
      image = applyEffects(image, steps.effects, { seed: steps.seed ?? 0 });
      await ctx.reportProgress(80);
    }
    return this.output.store(ctx.storage, ctx.task, image, full.source.format);
  }
}
