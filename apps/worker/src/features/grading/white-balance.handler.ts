import { Injectable } from '@nestjs/common';
import { whiteBalance } from '@gradekit/color';
import { DomainError } from '@gradekit/contracts';
import { FullImageLut } from '../../media/full-image-lut.service';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * `white_balance_apply` (1 credit): estimates the illuminant on the ≤ 512 px proxy,
 * bakes the linear-light chromatic adaptation into a LUT and applies it to the full
 * image. Reports what was removed: the estimated white's CCT and Duv.
 */
@Injectable()
@TaskHandler()
export class WhiteBalanceHandler implements OperationHandler<'white_balance_apply'> {
  readonly op = 'white_balance_apply' as const;

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
    private readonly fullLut: FullImageLut,
  ) {}

  async run(ctx: HandlerContext<'white_balance_apply'>): Promise<HandlerOutcome<'white_balance_apply'>> {
    const bytes = await ctx.loadInput('image');
    const { proxy } = await this.decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE);
    const p = ctx.task.params;
    let balance: ReturnType<typeof whiteBalance>;
    try {
      balance = whiteBalance(proxy, {
        method: p.method,
        intensity: p.intensity,
        neutralX: p.neutral_x,
        neutralY: p.neutral_y,
      });
    } catch (error) {
      if (error instanceof RangeError) throw DomainError.validation(error.message, [{ message: error.message }]);
      throw error;
    }
    await ctx.reportProgress(30);
    const full = await this.decoder.decodeFull(bytes);
    const { result, history } = await this.output.store(ctx.storage, ctx.task, await this.fullLut.apply(full.image, balance.lut), full.source.format);
    return {
      result: {
        ...result,
        method: balance.method,
        intensity: p.intensity,
        estimated_white: { cct_kelvin: Math.round(balance.cctKelvin), duv: round(balance.duv), rgb: balance.illuminant.map((v) => round(v)), confidence: round(balance.confidence, 3) },
      },
      history,
    };
  }
}
