import { Injectable } from '@nestjs/common';
import type { BgRemoveTaskParams, BgRemoveTimings, PixelBox } from '@gradekit/contracts';
import type { InputFrame } from '../../media/models/model-image-io';
import { inputSize, ModelImageIO } from '../../media/models/model-image-io';
import type { ModelManifestEntry } from '../../media/models/model-manifest';
import { ModelRuntime, type FloatTensor } from '../../media/models/model-runtime.service';
import { guidedFilter } from './guided-filter';
import {
  composite,
  cropImage,
  cutout,
  foregroundFraction,
  luminance,
  maskImage,
  padBox,
  parseHexColor,
  subjectBox,
  withSourceAlpha,
  type Rgb8Image,
} from './matte-compose';

/**
 * refine_edges' settings, measured on the bench's evaluation set (bench/models/bg-remove.bench.ts,
 * docs/models.md): the radius grows with the upscale from the model's map to the image
 * (the width of the soft band an upscaled matte has), ε on 0–1 luminance.
 */
export const REFINE_RADIUS_PER_UPSCALE = 2;
export const REFINE_MIN_RADIUS = 2;
export const REFINE_EPS = 1e-4;
/** Above this many pixels the guided filter's box means run on s×s blocks (the fast guided filter); its output is still full resolution. */
export const REFINE_EXACT_MAX_PIXELS = 4_000_000;

/**
 * The guided filter's settings for an image of this size under a model input of this
 * size: the upscale from the input to the image is max(W / w, H / h) for a stretched and
 * a letterboxed input alike.
 */
export function refineSettings(width: number, height: number, inputWidth: number, inputHeight: number): { radius: number; eps: number; subsample: number } {
  const upscale = Math.max(width / inputWidth, height / inputHeight, 1);
  return {
    radius: Math.max(REFINE_MIN_RADIUS, Math.round(upscale * REFINE_RADIUS_PER_UPSCALE)),
    eps: REFINE_EPS,
    subsample: Math.max(1, Math.ceil(Math.sqrt((width * height) / REFINE_EXACT_MAX_PIXELS))),
  };
}

/**
 * The model's map as a plane: the last two dimensions are its height and width, every
 * other one must be 1 ([1, 1, H, W], [1, H, W]). A model of another shape cannot be a
 * background-removal model of this operation: the manifest is wrong, not the request.
 */
export function mapPlane(tensor: FloatTensor, model: string): { data: Float32Array; width: number; height: number } {
  const dims = tensor.dims;
  const height = dims[dims.length - 2];
  const width = dims[dims.length - 1];
  const rest = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  if (dims.length < 2 || rest !== 1 || width * height !== tensor.data.length) {
    throw new Error(`model ${model}: a background-removal model's output must be one map [1, 1, H, W], got [${dims.join(', ')}]`);
  }
  return { data: tensor.data, width, height };
}

/** The input frame re-expressed in the output map's pixels (a model whose map is smaller or larger than its input). */
export function frameForMap(frame: InputFrame, mapWidth: number, mapHeight: number): InputFrame {
  if (mapWidth === frame.inputWidth && mapHeight === frame.inputHeight) return frame;
  const sx = mapWidth / frame.inputWidth;
  const sy = mapHeight / frame.inputHeight;
  const offsetX = Math.round(frame.offsetX * sx);
  const offsetY = Math.round(frame.offsetY * sy);
  return {
    ...frame,
    inputWidth: mapWidth,
    inputHeight: mapHeight,
    offsetX,
    offsetY,
    contentWidth: Math.max(1, Math.min(mapWidth - offsetX, Math.round(frame.contentWidth * sx))),
    contentHeight: Math.max(1, Math.min(mapHeight - offsetY, Math.round(frame.contentHeight * sy))),
  };
}

function cropPlane(plane: Uint8Array, width: number, box: PixelBox): Uint8Array {
  const out = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) out.set(plane.subarray((box.y + y) * width + box.x, (box.y + y) * width + box.x + box.width), y * box.width);
  return out;
}

export interface BackgroundRemoval {
  /** What is encoded: RGBA (cutout), grey RGB (mask) or opaque RGB (composite), cropped when asked. */
  image: Rgb8Image;
  /** The full-resolution matte (before any crop). */
  matte: Uint8Array;
  model: string;
  subjectBox: PixelBox | null;
  crop: PixelBox | null;
  foregroundFraction: number;
  timings: Omit<BgRemoveTimings, 'decode' | 'encode'>;
}

export type BackgroundRemovalOptions = Pick<BgRemoveTaskParams, 'output' | 'refine_edges' | 'crop_to_subject' | 'padding' | 'background_color' | 'model'>;

const since = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/**
 * Background removal on decoded pixels: the manifest's model (any model whose one
 * output is a 0–1 map of the subject, its input size and normalisation from the
 * manifest) → the matte at full resolution → optionally the guided filter → the
 * cutout, mask or composite, cropped to the subject when asked. The handler, the
 * sandbox demo generator and the bench all run this.
 */
@Injectable()
export class BackgroundRemover {
  constructor(
    private readonly runtime: ModelRuntime,
    private readonly io: ModelImageIO,
  ) {}

  /** The model a request names (400 listing the known ones when unknown). */
  model(name?: string): ModelManifestEntry {
    return this.runtime.model('background-removal', name);
  }

  /** The 8-bit matte (255 = subject) of `image` at its full resolution, and the stage times. */
  async matte(image: Rgb8Image, entry: ModelManifestEntry, refine: boolean, signal?: AbortSignal): Promise<{ matte: Uint8Array; timings: { preprocess: number; inference: number; refine: number } }> {
    let t0 = performance.now();
    const { tensor, frame } = await this.io.toTensor(image, entry.input);
    const preprocess = since(t0);
    t0 = performance.now();
    const outputs = await this.runtime.run(entry, { [entry.input.name]: tensor }, signal);
    const inference = since(t0);
    t0 = performance.now();
    const name = entry.outputs[0].name;
    const output = outputs[name];
    if (!output) throw new Error(`model ${entry.name}: no output named ${name}`);
    const map = mapPlane(output, entry.name);
    let matte = await this.io.mapToSource(map.data, frameForMap(frame, map.width, map.height));
    if (refine) matte = this.refine(image, matte, entry);
    matte = withSourceAlpha(matte, image);
    return { matte, timings: { preprocess, inference, refine: since(t0) } };
  }

  /** refine_edges: the guided filter with the image's luminance as the guide, its radius from the upscale of the model's input to the image. */
  refine(image: Rgb8Image, matte: Uint8Array, entry: ModelManifestEntry): Uint8Array {
    const input = inputSize(entry.input, { width: image.width, height: image.height });
    return guidedFilter(luminance(image), matte, image.width, image.height, refineSettings(image.width, image.height, input.width, input.height));
  }

  async remove(image: Rgb8Image, options: BackgroundRemovalOptions, background?: Rgb8Image, signal?: AbortSignal): Promise<BackgroundRemoval> {
    const entry = this.model(options.model);
    const { matte, timings } = await this.matte(image, entry, options.refine_edges, signal);
    const t0 = performance.now();
    const { width, height } = image;
    const box = subjectBox(matte, width, height);
    const crop = options.crop_to_subject && box ? padBox(box, options.padding, width, height) : null;
    const source = crop ? cropImage(image, crop) : image;
    const alpha = crop ? cropPlane(matte, width, crop) : matte;
    let out: Rgb8Image;
    if (options.output === 'cutout') out = cutout(source, alpha);
    else if (options.output === 'mask') out = maskImage(alpha, source.width, source.height);
    else {
      let back: [number, number, number] | Rgb8Image = parseHexColor(options.background_color ?? '#ffffff');
      if (background) {
        // Scaled to cover the whole image and centre-cropped, then cut like the image.
        const covered = (await this.io.resize(background, width, height, 'cover')) as Rgb8Image;
        back = crop ? cropImage(covered, crop) : covered;
      }
      out = composite(source, alpha, back);
    }
    return {
      image: out,
      matte,
      model: entry.name,
      subjectBox: box,
      crop,
      foregroundFraction: Math.round(foregroundFraction(matte) * 10_000) / 10_000,
      timings: { ...timings, compose: since(t0) },
    };
  }
}
