import { GradeValidationError, bakeLut, lookPlan, type EffectsConfig, type Lut3D } from '@gradekit/color';
import { DomainError, snakeCasePath, type JsonObject } from '@gradekit/contracts';
import { engineEffectsPatch } from './film-effects.plan';
import { GRADING_LUT_SIZE } from './preset-lut';

export interface LookRenderPlan {
  look: string;
  intensity: number;
  colorIntensity: number;
  effectsIntensity: number;
  /** The colour part at intensity × color_intensity, baked: applied first. */
  lut: Lut3D;
  /** The effects with overrides merged and strengths × intensity × effects_intensity: applied after the LUT. */
  effects: EffectsConfig;
}

/** A look_apply task's params `{ look, intensity, color_intensity, effects_intensity, effects_overrides }` → what to run. */
export function lookRenderPlan(
  params: { look: string; intensity?: number; color_intensity?: number; effects_intensity?: number; effects_overrides?: JsonObject },
  lutSize = GRADING_LUT_SIZE,
): LookRenderPlan {
  const { look } = params;
  const intensity = params.intensity ?? 1;
  const colorIntensity = params.color_intensity ?? 1;
  const effectsIntensity = params.effects_intensity ?? 1;
  const effectsOverrides = engineEffectsPatch(params.effects_overrides ?? {}, 'effectsOverrides');
  let plan;
  try {
    plan = lookPlan(look, { intensity, colorIntensity, effectsIntensity, effectsOverrides });
  } catch (error) {
    if (error instanceof GradeValidationError) {
      throw DomainError.validation('Invalid look options', error.problems.map((p) => ({ field: snakeCasePath(p.field), message: p.message })));
    }
    throw error;
  }
  if (!plan) throw new DomainError('NOT_FOUND', `Look "${look}" not found`, [{ field: 'look_name', message: 'no look has this name' }]);
  return { look, intensity, colorIntensity, effectsIntensity, lut: bakeLut(plan.colorTransform, lutSize, { title: `Gradekit look ${look}` }), effects: plan.effects };
}
