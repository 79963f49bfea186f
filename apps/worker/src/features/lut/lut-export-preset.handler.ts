import { Injectable } from '@nestjs/common';
import type { PresetLutResult } from '@gradekit/contracts';
import { LutOutputService } from '../../output/lut-output.service';
import { presetLut } from '../grading/preset-lut';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';

/**
 * `lut_export_preset` (2 credits, pro+): a built-in preset as a .cube — no input
 * image; the same bake /presets/{name}/apply applies (at the default size 33 the
 * identical LUT), so the file reproduces that image anywhere.
 */
@Injectable()
@TaskHandler()
export class LutExportPresetHandler implements OperationHandler<'lut_export_preset'> {
  readonly op = 'lut_export_preset' as const;

  constructor(private readonly luts: LutOutputService) {}

  async run(ctx: HandlerContext<'lut_export_preset'>): Promise<HandlerOutcome<'lut_export_preset'>> {
    const { preset, intensity, size } = ctx.task.params;
    const lut = presetLut(preset, intensity, size);
    await ctx.reportProgress(70);
    const percent = Math.round(intensity * 100);
    const filename = `gradekit-preset-${preset}${percent === 100 ? '' : `-${percent}pct`}-${size}.cube`;
    const title = `Gradekit preset ${preset}${percent === 100 ? '' : ` at ${percent}%`} (${size}^3)`;
    const { result, history } = await this.luts.store(ctx.storage, ctx.task, lut, filename, title);
    const body: PresetLutResult = { ...result, preset, intensity };
    return { result: body, history };
  }
}
