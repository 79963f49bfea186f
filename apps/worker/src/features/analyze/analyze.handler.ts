import { Injectable } from '@nestjs/common';
import { analyzeImage } from '@gradekit/color';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import { toAnalyzeResult } from './analyze-result.mapper';

/**
 * `analyze` (1 credit, queue image): colour statistics of one image. Decodes a
 * ≤ 512 px sRGB proxy, runs the colour engine's analysis on it and stores the
 * snake_case result on the task. Produces no image, so no History entry.
 */
@Injectable()
@TaskHandler()
export class AnalyzeHandler implements OperationHandler<'analyze'> {
  readonly op = 'analyze' as const;

  constructor(private readonly decoder: ImageDecoder) {}

  async run(ctx: HandlerContext<'analyze'>): Promise<HandlerOutcome<'analyze'>> {
    const bytes = await ctx.loadInput('image');
    await ctx.reportProgress(10);
    const { source, proxy } = await this.decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE);
    await ctx.reportProgress(50);
    const analysis = analyzeImage(proxy, { proxySize: ANALYSIS_PROXY_SIDE });
    return { result: toAnalyzeResult(source, analysis), history: null };
  }
}
