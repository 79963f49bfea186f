import { Injectable } from '@nestjs/common';
import { matchColors, type RgbImage } from '@gradekit/color';
import { DomainError, type StyleTransferTaskParams } from '@gradekit/contracts';
import { FullImageLut } from '../../media/full-image-lut.service';
import { ImageDecoder, type RgbProxy } from '../../media/image-decoder';
import { ModelImageIO } from '../../media/models/model-image-io';
import type { ModelManifestEntry } from '../../media/models/model-manifest';
import { ModelRuntime } from '../../media/models/model-runtime.service';
import { modelOutputToImage } from './style-model-output';
import { styleNoise } from './style-noise';
import { imageToPlanes, planesToImage } from './style-planes';
import { STYLE_GRAPH_IO, STYLE_TRANSFER_GRAPH } from './style-transfer.graph';

/**
 * The colour engine's method for the colour part: `smooth` is the monotone, smoothed
 * histogram transfer, the one that comes closest to the style's whole colour distribution
 * (natural keeps the content's tonal shape, which a style should replace).
 */
export const STYLE_COLOUR_METHOD = 'smooth' as const;

/** Long side of the working image: the graph holds ~20 float planes of it (≈ 1.3 GB at 4096²); larger contents are scaled down to it. */
export const STYLE_MAX_SIDE = 4096;

/** Milliseconds per stage, for the job log and the bench. */
export type StyleStages = Record<string, number>;

export interface StyledImage {
  image: RgbImage;
  /** The band gains (a′ₖ, fine to coarse) and grain amplitudes (σₖ) the graph applied; empty for a manifest model. */
  gains: number[];
  grain: number[];
  stages: StyleStages;
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The two ways an image is styled: the built-in method (the engine's colour match as a
 * LUT, then the ONNX band graph) or a feed-forward model of the manifest. Both run
 * through ModelRuntime, so on the configured provider.
 */
@Injectable()
export class StyleTransferEngine {
  constructor(
    private readonly runtime: ModelRuntime,
    private readonly io: ModelImageIO,
    private readonly decoder: ImageDecoder,
    private readonly fullLut: FullImageLut,
  ) {}

  /** The manifest model a request asks for, or null for the built-in method (`builtin`, or no style model configured). */
  modelFor(name: string | undefined, builtinName: string): ModelManifestEntry | null {
    if (name === builtinName) return null;
    if (name !== undefined) return this.runtime.model('style-transfer', name);
    return this.runtime.models('style-transfer')[0] ?? null;
  }

  /** The content scaled down to STYLE_MAX_SIDE when larger (the output then has that size). */
  async working(image: RgbImage): Promise<RgbImage> {
    if (Math.max(image.width, image.height) <= STYLE_MAX_SIDE) return image;
    return this.io.resize(image, STYLE_MAX_SIDE, STYLE_MAX_SIDE, 'inside');
  }

  /**
   * The built-in transfer of `image` (the working content, modified in place by the
   * colour LUT): colour fitted on the proxies, the style fed to the graph at the
   * content's long side so that band k means the same fraction of the frame in both.
   */
  async builtin(
    image: RgbImage,
    contentProxy: RgbProxy,
    styleProxy: RgbProxy,
    styleBytes: Buffer,
    params: Pick<StyleTransferTaskParams, 'seed' | 'strength'>,
    signal?: AbortSignal,
  ): Promise<StyledImage> {
    const stages: StyleStages = {};
    const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
      const started = performance.now();
      const value = await work();
      stages[stage] = round(performance.now() - started, 1);
      return value;
    };
    const match = await time('colour_fit', () => {
      try {
        return matchColors(contentProxy, styleProxy, { method: STYLE_COLOUR_METHOD, params: { strength: params.strength } });
      } catch (error) {
        if (error instanceof RangeError) throw DomainError.validation(error.message, [{ message: error.message }]);
        throw error;
      }
    });
    const colored = await time('colour_apply', () => this.fullLut.apply(image, match.lut));
    const styleImage = await time('style_decode', () => this.styleAtScale(styleBytes, Math.max(image.width, image.height)));
    const feeds = await time('feeds', () => {
      const n = colored.width * colored.height;
      return {
        [STYLE_GRAPH_IO.content]: { data: imageToPlanes(colored), dims: [1, 3, colored.height, colored.width] },
        [STYLE_GRAPH_IO.style]: { data: imageToPlanes(styleImage), dims: [1, 3, styleImage.height, styleImage.width] },
        [STYLE_GRAPH_IO.noise]: { data: styleNoise(params.seed, n), dims: [1, 1, colored.height, colored.width] },
        [STYLE_GRAPH_IO.strength]: { data: Float32Array.of(params.strength), dims: [1] },
      };
    });
    const out = await time('graph', () => this.runtime.runGraph(STYLE_TRANSFER_GRAPH, feeds, signal));
    const styled = await time('to_image', () => planesToImage(out[STYLE_GRAPH_IO.output].data, colored));
    return {
      image: styled,
      gains: Array.from(out[STYLE_GRAPH_IO.gains].data, (v) => round(v)),
      grain: Array.from(out[STYLE_GRAPH_IO.grain].data, (v) => round(v, 5)),
      stages,
    };
  }

  /** A manifest style model run on the content (its manifest input decides size, layout and normalisation); the style image is not an input of such a model. */
  async model(image: RgbImage, entry: ModelManifestEntry, signal?: AbortSignal): Promise<StyledImage> {
    const started = performance.now();
    const { tensor, frame } = await this.io.toTensor(image, entry.input, { width: image.width, height: image.height });
    const out = await this.runtime.run(entry, { [entry.input.name]: tensor }, signal);
    const output = out[entry.outputs[0].name];
    if (!output) throw new Error(`style model ${entry.name} gave no output ${entry.outputs[0].name}`);
    const styled = modelOutputToImage(output, entry.input, frame);
    const resized = styled.width === image.width && styled.height === image.height ? styled : await this.io.resize(styled, image.width, image.height, 'fill');
    return { image: resized, gains: [], grain: [], stages: { model: round(performance.now() - started, 1) } };
  }

  /** The style decoded with its long side at `side` (shrunk by the decoder, enlarged here when smaller). */
  private async styleAtScale(bytes: Buffer, side: number): Promise<RgbImage> {
    const { proxy } = await this.decoder.decodeProxy(bytes, side);
    if (Math.max(proxy.width, proxy.height) >= side) return proxy;
    return this.io.resize(proxy, side, side, 'inside');
  }
}
