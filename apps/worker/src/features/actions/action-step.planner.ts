import { Injectable } from '@nestjs/common';
import {
  applyEffects,
  applyLut,
  fuseColorSteps,
  gradeTransform,
  matchColors,
  whiteBalance,
  DEFAULT_MATCH_METHOD,
  type ColorStep,
  type EffectsConfig,
  type RgbImage,
} from '@gradekit/color';
import { DomainError, gradeValuesFromSnake, type ActionStep, type InputKeyOf } from '@gradekit/contracts';
import { filmEffectsPlan } from '../grading/film-effects.plan';
import { lookRenderPlan } from '../grading/look.plan';
import { GRADING_LUT_SIZE, presetLut } from '../grading/preset-lut';
import { toEngineMatchParams } from '../match/match-params.mapper';
import { ExampleLutService } from '../lut/example-lut.service';

/** One pass over the full image: a fused LUT of consecutive colour steps, or a spatial effects pass. */
export type RenderPass = { kind: 'lut'; steps: number[]; colorSteps: ColorStep[] } | { kind: 'effects'; step: number; effects: EffectsConfig; seed: number };

export interface StepSummary {
  index: number;
  type: ActionStep['type'];
  [detail: string]: unknown;
}

export interface StepInputs {
  /** Loads a step's storage input by role (`lut:<i>`, `reference:<i>`). */
  load(role: InputKeyOf<'action_apply'>): Promise<Buffer>;
  /** Decodes a reference to its ≤ 512 px proxy. */
  proxy(bytes: Buffer): Promise<RgbImage>;
}

/**
 * Turns an action's steps into render passes. Each step is planned against the
 * proxy as the steps before it left it (so white balance and match measure the
 * running result, not the original), and consecutive colour steps are collected
 * into one pass to be fused into a single LUT.
 */
@Injectable()
export class ActionStepPlanner {
  constructor(private readonly luts: ExampleLutService) {}

  async plan(steps: readonly ActionStep[], proxy: RgbImage, inputs: StepInputs, seedOf: (index: number, given?: number) => number): Promise<{ passes: RenderPass[]; summaries: StepSummary[] }> {
    const passes: RenderPass[] = [];
    const summaries: StepSummary[] = [];
    let running = proxy;
    const colour = (index: number, step: ColorStep) => {
      const last = passes[passes.length - 1];
      if (last?.kind === 'lut') {
        last.steps.push(index);
        last.colorSteps.push(step);
      } else passes.push({ kind: 'lut', steps: [index], colorSteps: [step] });
      running = applyLut(running, typeof step === 'function' ? fuseColorSteps([step], 17) : step);
    };
    const effects = (index: number, config: EffectsConfig, seed: number) => {
      passes.push({ kind: 'effects', step: index, effects: config, seed });
      running = applyEffects(running, config, { seed });
    };

    for (const [index, step] of steps.entries()) {
      switch (step.type) {
        case 'preset':
          colour(index, presetLut(step.name, step.intensity ?? 1));
          summaries.push({ index, type: step.type, name: step.name, intensity: step.intensity ?? 1 });
          break;
        case 'grade': {
          const checked = gradeValuesFromSnake(step.values, `steps[${index}].values`);
          if (!checked.ok) throw DomainError.validation('Invalid grade values', checked.problems.map(({ field, message }) => ({ field, message })));
          colour(index, gradeTransform(checked.value, step.intensity ?? 1));
          summaries.push({ index, type: step.type, intensity: step.intensity ?? 1 });
          break;
        }
        case 'white_balance': {
          const balance = whiteBalance(running, { method: step.method ?? 'auto', intensity: step.intensity ?? 1, neutralX: step.neutral_x, neutralY: step.neutral_y });
          colour(index, balance.lut);
          summaries.push({ index, type: step.type, method: balance.method, intensity: step.intensity ?? 1, estimated_white: { cct_kelvin: Math.round(balance.cctKelvin), duv: Math.round(balance.duv * 1e4) / 1e4 } });
          break;
        }
        case 'lut': {
          const fitted = this.luts.fromCube(await inputs.load(`lut:${index}`));
          colour(index, fitted.lut);
          summaries.push({ index, type: step.type, size: fitted.lut.size });
          break;
        }
        case 'match': {
          const reference = await inputs.proxy(await inputs.load(`reference:${index}`));
          const method = step.method ?? DEFAULT_MATCH_METHOD;
          const match = matchColors(running, reference, { method, params: toEngineMatchParams(step.params) });
          colour(index, match.lut);
          summaries.push({ index, type: step.type, method });
          break;
        }
        case 'film_effects': {
          const plan = filmEffectsPlan({ preset: step.preset, effects: step.effects, intensity: step.intensity ?? 1 });
          const seed = seedOf(index, step.seed);
          effects(index, plan.effects, seed);
          summaries.push({ index, type: step.type, preset: plan.preset, intensity: plan.intensity, seed });
          break;
        }
        case 'look': {
          const plan = lookRenderPlan({ look: step.name, ...step }, GRADING_LUT_SIZE);
          colour(index, plan.lut);
          const seed = seedOf(index);
          effects(index, plan.effects, seed);
          summaries.push({ index, type: step.type, name: step.name, intensity: plan.intensity, color_intensity: plan.colorIntensity, effects_intensity: plan.effectsIntensity, seed });
          break;
        }
      }
    }
    return { passes, summaries };
  }
}
