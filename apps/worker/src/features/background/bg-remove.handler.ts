import { Injectable } from '@nestjs/common';
import { ImageDecoder } from '../../media/image-decoder';
import { ImageOutputService } from '../../output/image-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { BackgroundRemover } from './background-remover.service';
import { to8Bit, type Rgb8Image } from './matte-compose';

const since = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/**
 * `bg_remove_apply` (2 credits, gpu queue): the matte of the manifest's background-removal
 * model (ISNet built in) at full resolution, optionally refined by a guided filter, as a
 * cutout, a mask or a composite, written as PNG or WebP with alpha. An unknown `model`
 * is a 400 before any pixel is decoded (final: the task is refunded).
 */
@Injectable()
@TaskHandler()
export class BgRemoveHandler implements OperationHandler<'bg_remove_apply'> {
  readonly op = 'bg_remove_apply' as const;

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly remover: BackgroundRemover,
    private readonly output: ImageOutputService,
  ) {}

  async run(ctx: HandlerContext<'bg_remove_apply'>): Promise<HandlerOutcome<'bg_remove_apply'>> {
    const p = ctx.task.params;
    this.remover.model(p.model);
    let t0 = performance.now();
    const image = to8Bit((await this.decoder.decodeFull(await ctx.loadInput('image'))).image);
    let background: Rgb8Image | undefined;
    if (ctx.task.inputs.background) background = to8Bit((await this.decoder.decodeFull(await ctx.loadInput('background'))).image);
    const decode = since(t0);
    await ctx.reportProgress(10);
    const removal = await this.remover.remove(image, p, background, ctx.signal);
    await ctx.reportProgress(80);
    t0 = performance.now();
    const { result, history } = await this.output.store(ctx.storage, ctx.task, removal.image, p.format);
    const encode = since(t0);
    return {
      result: {
        ...result,
        output: p.output,
        model: removal.model,
        refine_edges: p.refine_edges,
        subject_box: removal.subjectBox,
        crop: removal.crop,
        foreground_fraction: removal.foregroundFraction,
        timings_ms: { decode, ...removal.timings, encode },
      },
      history,
    };
  }
}
