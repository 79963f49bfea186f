import { Injectable } from '@nestjs/common';
import { snakeCaseKeys, type FilmEffectsImageResult, type PublicEffectsConfig } from '@gradekit/contracts';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { effectsSeedOf } from './effects-seed';
import { filmEffectsPlan } from './film-effects.plan';
import { GradedImageRenderer } from './graded-image.renderer';

/**
 * `film_effects_apply` (1 credit): spatial film and lens effects on the full image —
 * a preset, granular settings or both — seeded per task (see effectsSeedOf).
 */
@Injectable()
@TaskHandler()
export class FilmEffectsApplyHandler implements OperationHandler<'film_effects_apply'> {
  readonly op = 'film_effects_apply' as const;

  constructor(private readonly renderer: GradedImageRenderer) {}

  async run(ctx: HandlerContext<'film_effects_apply'>): Promise<HandlerOutcome<'film_effects_apply'>> {
    const plan = filmEffectsPlan(ctx.task.params);
    const seed = effectsSeedOf(ctx.task);
    const { result, history } = await this.renderer.render(ctx, { effects: plan.effects, seed });
    const body: FilmEffectsImageResult = { ...result, preset: plan.preset, intensity: plan.intensity, seed, effects: snakeCaseKeys<PublicEffectsConfig>(plan.effects) };
    return { result: body, history };
  }
}
