import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import type { RgbImage } from '@gradekit/color';
import type { ModelImageInput } from './model-manifest';
import type { FloatTensor } from './model-runtime.service';

/**
 * Where the source image sits inside a model's input: `scale` source pixels → input
 * pixels, the content's top-left at (offsetX, offsetY), padding around it (letterbox).
 * With `stretch`, offsets are 0 and the content fills the input (two scales).
 */
export interface InputFrame {
  inputWidth: number;
  inputHeight: number;
  contentWidth: number;
  contentHeight: number;
  offsetX: number;
  offsetY: number;
  sourceWidth: number;
  sourceHeight: number;
}

/** The input's height and width, from its shape (NCHW or NHWC) or, for dynamic dimensions, from `size`. */
export function inputSize(input: ModelImageInput, size?: { width: number; height: number }): { width: number; height: number } {
  const [h, w] = input.layout === 'nchw' ? [input.shape[2], input.shape[3]] : [input.shape[1], input.shape[2]];
  const fixed = (d: number | string) => typeof d === 'number' && d > 0;
  if (fixed(h) && fixed(w)) return { width: w as number, height: h as number };
  if (!size) throw new Error(`model input ${input.name} has dynamic dimensions: pass a size`);
  return size;
}

/** Letterbox (aspect kept, centred) or stretch placement of a source in an input. */
export function inputFrame(sourceWidth: number, sourceHeight: number, input: { width: number; height: number }, resize: ModelImageInput['resize']): InputFrame {
  if (resize === 'stretch') {
    return { inputWidth: input.width, inputHeight: input.height, contentWidth: input.width, contentHeight: input.height, offsetX: 0, offsetY: 0, sourceWidth, sourceHeight };
  }
  const scale = Math.min(input.width / sourceWidth, input.height / sourceHeight);
  const contentWidth = Math.max(1, Math.min(input.width, Math.round(sourceWidth * scale)));
  const contentHeight = Math.max(1, Math.min(input.height, Math.round(sourceHeight * scale)));
  return {
    inputWidth: input.width,
    inputHeight: input.height,
    contentWidth,
    contentHeight,
    offsetX: Math.floor((input.width - contentWidth) / 2),
    offsetY: Math.floor((input.height - contentHeight) / 2),
    sourceWidth,
    sourceHeight,
  };
}

function raw(image: RgbImage) {
  return { raw: { width: image.width, height: image.height, channels: image.channels } } as const;
}

/**
 * The media adapter between images and model tensors (sharp does the resampling):
 * an image becomes a normalised input tensor placed as the manifest says, and a
 * model's one-channel map (a matte) goes back to the source's full resolution.
 */
@Injectable()
export class ModelImageIO {
  /** The image (8/16-bit, alpha ignored) as the model's input tensor, and where it sits in it. */
  async toTensor(image: RgbImage, input: ModelImageInput, size?: { width: number; height: number }): Promise<{ tensor: FloatTensor; frame: InputFrame }> {
    const frame = inputFrame(image.width, image.height, inputSize(input, size), input.resize);
    const pad = input.pad ?? 0;
    const { data } = await sharp(image.data, raw(image))
      .removeAlpha()
      .toColourspace('srgb')
      .resize(frame.contentWidth, frame.contentHeight, { fit: 'fill', kernel: 'cubic' })
      .extend({
        top: frame.offsetY,
        left: frame.offsetX,
        bottom: frame.inputHeight - frame.contentHeight - frame.offsetY,
        right: frame.inputWidth - frame.contentWidth - frame.offsetX,
        background: { r: pad, g: pad, b: pad },
      })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const n = frame.inputWidth * frame.inputHeight;
    const out = new Float32Array(n * 3);
    const [mr, mg, mb] = input.mean;
    const [sr, sg, sb] = input.std.map((s) => 1 / s);
    if (input.layout === 'nchw') {
      for (let i = 0, p = 0; i < n; i++, p += 3) {
        out[i] = (data[p] - mr) * sr;
        out[n + i] = (data[p + 1] - mg) * sg;
        out[2 * n + i] = (data[p + 2] - mb) * sb;
      }
    } else {
      for (let p = 0; p < n * 3; p += 3) {
        out[p] = (data[p] - mr) * sr;
        out[p + 1] = (data[p + 1] - mg) * sg;
        out[p + 2] = (data[p + 2] - mb) * sb;
      }
    }
    const dims = input.layout === 'nchw' ? [1, 3, frame.inputHeight, frame.inputWidth] : [1, frame.inputHeight, frame.inputWidth, 3];
    return { tensor: { data: out, dims }, frame };
  }

  /**
   * A map of the input's size (values 0–1, row-major) cut to the content and resized to
   * the source's full resolution (cubic, then clamped), as 8-bit 0–255.
   */
  async mapToSource(map: Float32Array, frame: InputFrame): Promise<Uint8Array> {
    const bytes = Buffer.allocUnsafe(frame.inputWidth * frame.inputHeight);
    for (let i = 0; i < bytes.length; i++) {
      const v = map[i];
      bytes[i] = v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
    }
    const { data } = await sharp(bytes, { raw: { width: frame.inputWidth, height: frame.inputHeight, channels: 1 } })
      .extract({ left: frame.offsetX, top: frame.offsetY, width: frame.contentWidth, height: frame.contentHeight })
      .resize(frame.sourceWidth, frame.sourceHeight, { fit: 'fill', kernel: 'cubic' })
      .toColourspace('b-w') // one channel out, as in
      .raw()
      .toBuffer({ resolveWithObject: true });
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  }

  /** The image resized (8-bit RGB/RGBA kept as it is): `fill` exactly, `cover` to cover and centre-crop, `inside` to fit. */
  async resize(image: RgbImage, width: number, height: number, fit: 'fill' | 'cover' | 'inside'): Promise<RgbImage> {
    const { data, info } = await sharp(image.data, raw(image))
      .resize(width, height, { fit, kernel: 'cubic' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = image.data instanceof Uint16Array ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : new Uint8Array(data.buffer, data.byteOffset, data.length);
    return { data: pixels, width: info.width, height: info.height, channels: info.channels as 3 | 4 };
  }
}
