import { Injectable } from '@nestjs/common';
import { BUILTIN_STYLE_MODEL } from '@gradekit/contracts';
import { ImageDecoder } from '../../media/image-decoder';
import { ModelImageIO } from '../../media/models/model-image-io';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { styleMetrics } from './style-metrics.mapper';
import { StyleTransferEngine } from './style-transfer-engine.service';

/**
 * `style_transfer_apply` (5 credits, gpu queue): the content styled by the built-in
 * method (colour match + ONNX band graph + seeded grain) or a manifest style model,
 * stored at the content's size (capped at STYLE_MAX_SIDE), with the style's Gram
 * distance and the content's structure before and after.
 */
@Injectable()
@TaskHandler()
export class StyleTransferHandler implements OperationHandler<'style_transfer_apply'> {
  readonly op = 'style_transfer_apply' as const;

  constructor(
    private readonly engine: StyleTransferEngine,
    private readonly decoder: ImageDecoder,
    private readonly io: ModelImageIO,
    private readonly output: ImageOutputService,
  ) {}

  async run(ctx: HandlerContext<'style_transfer_apply'>): Promise<HandlerOutcome<'style_transfer_apply'>> {
    const p = ctx.task.params;
    // An unknown style_model is the caller's 400 before anything is decoded.
    const model = this.engine.modelFor(p.style_model, BUILTIN_STYLE_MODEL);
    const [contentBytes, styleBytes] = await Promise.all([ctx.loadInput('content'), ctx.loadInput('style')]);
    const [content, style, full] = await Promise.all([
      this.decoder.decodeProxy(contentBytes, ANALYSIS_PROXY_SIDE),
      this.decoder.decodeProxy(styleBytes, ANALYSIS_PROXY_SIDE),
      this.decoder.decodeFull(contentBytes),
    ]);
    await ctx.reportProgress(20);
    const working = await this.engine.working(full.image);
    const styled = model
      ? await this.engine.model(working, model, ctx.signal)
      : await this.engine.builtin(working, content.proxy, style.proxy, styleBytes, p, ctx.signal);
    ctx.logger.info({ stages: styled.stages, gains: styled.gains, grain: styled.grain }, 'style transfer');
    await ctx.reportProgress(80);
    const outputProxy = await this.io.resize(styled.image, content.proxy.width, content.proxy.height, 'fill');
    const storing = this.output.store(ctx.storage, ctx.task, styled.image, full.source.format, ctx.task.id, outputProxy.channels === 3 ? outputProxy : undefined);
    storing.catch(() => undefined); // awaited below; the metrics run while it encodes
    const metrics = styleMetrics(content.proxy, outputProxy, style.proxy);
    const { result, history } = await storing;
    const downscaled = working !== full.image ? { downscaled_from: { width: full.image.width, height: full.image.height } } : {};
    return {
      result: { ...result, style_model: model?.name ?? BUILTIN_STYLE_MODEL, seed: p.seed, strength: p.strength, ...metrics, ...downscaled },
      history,
    };
  }
}
