import { Injectable } from '@nestjs/common';
import type { PresetImageResult } from '@gradekit/contracts';
import type { HandlerContext, HandlerOutcome, OperationHandler } from '../operation-handler';
import { GradedImageRenderer } from './graded-image.renderer';
import { GRADING_LUT_SIZE, presetLut } from './preset-lut';
import { numberParam, stringParam } from './task-params';

/**
 * `preset_apply` (1 credit): a built-in colour preset at an intensity, baked into a
 * 33³ LUT (the LUT /lut/export/preset writes) and applied to the full image.
 */
@Injectable()
export class PresetApplyHandler implements OperationHandler<'preset_apply'> {
  readonly op = 'preset_apply' as const;

  constructor(private readonly renderer: GradedImageRenderer) {}

  async run(ctx: HandlerContext<'preset_apply'>): Promise<HandlerOutcome> {
    const preset = stringParam(ctx.task.params, 'preset');
    const intensity = numberParam(ctx.task.params, 'intensity', 1);
    const lut = presetLut(preset, intensity, GRADING_LUT_SIZE);
    const { result, history } = await this.renderer.render(ctx, { lut });
    const body: PresetImageResult = { ...result, preset, intensity, lut_size: GRADING_LUT_SIZE };
    return { result: body, history };
  }
}
