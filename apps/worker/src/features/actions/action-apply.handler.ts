import { Injectable } from '@nestjs/common';
import { applyEffects, fuseColorSteps } from '@gradekit/color';
import { FullImageLut } from '../../media/full-image-lut.service';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import { effectsSeedOf } from '../grading/effects-seed';
import { GRADING_LUT_SIZE } from '../grading/preset-lut';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { ActionStepPlanner } from './action-step.planner';

/**
 * `action_apply` (2 credits): a processing action's steps as one job. The steps are
 * planned on the proxy, then the full image gets one tetrahedral pass per run of
 * colour steps (fused into a single LUT: one interpolation instead of one per step)
 * and one pass per spatial effect.
 */
@Injectable()
@TaskHandler()
export class ActionApplyHandler implements OperationHandler<'action_apply'> {
  readonly op = 'action_apply' as const;

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly planner: ActionStepPlanner,
    private readonly output: ImageOutputService,
    private readonly fullLut: FullImageLut,
  ) {}

  async run(ctx: HandlerContext<'action_apply'>): Promise<HandlerOutcome<'action_apply'>> {
    const { steps } = ctx.task.params;
    const bytes = await ctx.loadInput('image');
    const { proxy } = await this.decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE);
    const baseSeed = effectsSeedOf({ id: ctx.task.id, params: {} });
    const { passes, summaries } = await this.planner.plan(
      steps,
      proxy,
      {
        load: (role) => ctx.loadInput(role),
        proxy: async (reference) => (await this.decoder.decodeProxy(reference, ANALYSIS_PROXY_SIDE)).proxy,
      },
      // Each effects step draws its own grain: the task's seed mixed with the step index (or the step's own seed).
      (index, given) => given ?? (baseSeed + Math.imul(index + 1, 0x9e3779b1)) >>> 0,
    );
    await ctx.reportProgress(25);

    const full = await this.decoder.decodeFull(bytes);
    let image = full.image;
    for (const [n, pass] of passes.entries()) {
      image = pass.kind === 'lut' ? await this.fullLut.apply(image, fuseColorSteps(pass.colorSteps, GRADING_LUT_SIZE)) : applyEffects(image, pass.effects, { seed: pass.seed });
      await ctx.reportProgress(25 + (65 * (n + 1)) / passes.length);
    }
    const { result, history } = await this.output.store(ctx.storage, ctx.task, image, full.source.format);
    return {
      result: {
        ...result,
        action_id: ctx.task.params.action_id,
        steps: summaries,
        lut_passes: passes.filter((pass) => pass.kind === 'lut').length,
        spatial_passes: passes.filter((pass) => pass.kind === 'effects').length,
        passes: passes.map((pass) => (pass.kind === 'lut' ? { kind: 'lut', steps: pass.steps } : { kind: 'effects', steps: [pass.step] })),
      },
      history,
    };
  }
}
