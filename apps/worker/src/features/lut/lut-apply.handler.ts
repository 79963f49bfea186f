import { Injectable } from '@nestjs/common';
import { FullImageLut } from '../../media/full-image-lut.service';
import { ImageDecoder } from '../../media/image-decoder';
import { ImageOutputService } from '../../output/image-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { ExampleLutService } from './example-lut.service';

/**
 * `lut_apply` (1 credit): grades an image with a LUT fitted from a before/after
 * example pair (the look of an edit, transferred), or with an uploaded .cube.
 */
@Injectable()
@TaskHandler()
export class LutApplyHandler implements OperationHandler<'lut_apply'> {
  readonly op = 'lut_apply' as const;

  constructor(
    private readonly luts: ExampleLutService,
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
    private readonly fullLut: FullImageLut,
  ) {}

  async run(ctx: HandlerContext<'lut_apply'>): Promise<HandlerOutcome<'lut_apply'>> {
    const { size } = ctx.task.params;
    const fitted = ctx.task.inputs.lut
      ? this.luts.fromCube(await ctx.loadInput('lut'))
      : await this.luts.fromPair(await ctx.loadInput('before'), await ctx.loadInput('after'), size);
    await ctx.reportProgress(40);
    const full = await this.decoder.decodeFull(await ctx.loadInput('image'));
    const { result, history } = await this.output.store(ctx.storage, ctx.task, await this.fullLut.apply(full.image, fitted.lut), full.source.format);
    return { result: { ...result, lut: { size: fitted.lut.size, ...fitted.source } }, history };
  }
}
