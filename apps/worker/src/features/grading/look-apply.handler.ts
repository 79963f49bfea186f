import { Injectable } from '@nestjs/common';
import { snakeCaseKeys, type LookImageResult, type PublicEffectsConfig } from '@gradekit/contracts';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { effectsSeedOf } from './effects-seed';
import { GradedImageRenderer } from './graded-image.renderer';
import { lookRenderPlan } from './look.plan';

/**
 * `look_apply` (1 credit): a cinematic look — its colour part baked into a LUT and
 * applied, then its spatial effects (with the caller's overrides) after the LUT.
 */
@Injectable()
@TaskHandler()
export class LookApplyHandler implements OperationHandler<'look_apply'> {
  readonly op = 'look_apply' as const;

  constructor(private readonly renderer: GradedImageRenderer) {}

  async run(ctx: HandlerContext<'look_apply'>): Promise<HandlerOutcome<'look_apply'>> {
    const plan = lookRenderPlan(ctx.task.params);
    const seed = effectsSeedOf(ctx.task);
    const { result, history } = await this.renderer.render(ctx, { lut: plan.lut, effects: plan.effects, seed });
    const body: LookImageResult = {
      ...result,
      look: plan.look,
      intensity: plan.intensity,
      color_intensity: plan.colorIntensity,
      effects_intensity: plan.effectsIntensity,
      seed,
      lut_size: plan.lut.size,
      effects: snakeCaseKeys<PublicEffectsConfig>(plan.effects),
    };
    return { result: body, history };
  }
}
