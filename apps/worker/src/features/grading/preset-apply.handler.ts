import { Injectable } from '@nestjs/common';
import type { PresetImageResult } from '@gradekit/contracts';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { GradedImageRenderer } from './graded-image.renderer';
import { GRADING_LUT_SIZE, presetLut } from './preset-lut';

/**
 * `preset_apply` (1 credit): a built-in colour preset at an intensity, baked into a
 * 33³ LUT (the LUT /lut/export/preset writes) and applied to the full image.
 */
@Injectable()
@TaskHandler()
export class PresetApplyHandler implements OperationHandler<'preset_apply'> {
  readonly op = 'preset_apply' as const;

  constructor(private readonly renderer: GradedImageRenderer) {}

  async run(ctx: HandlerContext<'preset_apply'>): Promise<HandlerOutcome<'preset_apply'>> {
    const { preset, intensity } = ctx.task.params;
    const lut = presetLut(preset, intensity, GRADING_LUT_SIZE);
    const { result, history } = await this.renderer.render(ctx, { lut });
    const body: PresetImageResult = { ...result, preset, intensity, lut_size: GRADING_LUT_SIZE };
    return { result: body, history };
  }
}
