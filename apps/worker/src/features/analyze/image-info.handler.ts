import { Injectable } from '@nestjs/common';
import { ImageDecoder } from '../../media/image-decoder';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';

/**
 * `image_info` (free): what an image is, from its header alone — the decoder's probe
 * reads no pixels, so this answers in a few milliseconds at any size. The worked
 * example of docs/architecture.md ("How to add an operation").
 */
@Injectable()
@TaskHandler()
export class ImageInfoHandler implements OperationHandler<'image_info'> {
  readonly op = 'image_info' as const;

  constructor(private readonly decoder: ImageDecoder) {}

  async run(ctx: HandlerContext<'image_info'>): Promise<HandlerOutcome<'image_info'>> {
    const info = await this.decoder.probe(await ctx.loadInput('image'));
    return {
      result: {
        format: info.format,
        width: info.width,
        height: info.height,
        megapixels: Math.round((info.width * info.height) / 10_000) / 100,
        aspect_ratio: Math.round((info.width / info.height) * 10_000) / 10_000,
        has_alpha: info.hasAlpha,
        bytes: info.bytes,
      },
      history: null,
    };
  }
}
