import { Inject, Injectable } from '@nestjs/common';
import sharp, { type Metadata } from 'sharp';
import type { WorkerConfig } from '@gradekit/config';
import type { RgbImage } from '@gradekit/color';
import { DomainError } from '@gradekit/contracts';
import { WORKER_CONFIG } from '../config/worker-config.provider';
import { DECODABLE_FORMATS, decodeErrorCode } from './decode-error.classifier';
import { ANALYSIS_PROXY_SIDE, proxySize } from './proxy-size';

/** What the original file is, as a viewer shows it. */
export interface SourceImageInfo {
  /** jpeg, png, webp, tiff, gif, avif or heif. */
  format: string;
  /** Displayed size: EXIF orientation applied (a portrait phone photo is taller than wide). */
  width: number;
  height: number;
  hasAlpha: boolean;
  bytes: number;
}

/** A small sRGB copy of the image for statistics: 8-bit interleaved RGB, long side ≤ maxSide. */
export interface RgbProxy {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

export interface DecodedProxy {
  source: SourceImageInfo;
  proxy: RgbProxy;
}

/** The whole image for processing: sRGB, orientation applied, alpha and 16-bit depth kept. */
export interface DecodedImage {
  source: SourceImageInfo;
  image: RgbImage;
  bitDepth: 8 | 16;
}

const MESSAGES = {
  INVALID_IMAGE: 'The image could not be decoded: the file is corrupt or truncated',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported image format; send JPEG, PNG, WebP, TIFF, GIF or AVIF',
  IMAGE_TOO_LARGE: 'The image has too many pixels',
} as const;

/**
 * The media adapter for still images: the only code that touches sharp. It refuses
 * decompression bombs before decoding (header size checked against MAX_INPUT_PIXELS,
 * and libvips' own `limitInputPixels` as a backstop), refuses formats outside the
 * allow-list (no SVG/PDF: vector and document renderers are not for untrusted photos)
 * and turns every decoder failure into a DomainError with a public code. It holds no
 * business rules.
 */
@Injectable()
export class ImageDecoder {
  private readonly maxInputPixels: number;

  constructor(@Inject(WORKER_CONFIG) config: WorkerConfig) {
    this.maxInputPixels = config.limits.maxInputPixels;
    // Every input is a different image: libvips' operation cache would only hold memory.
    sharp.cache(false);
  }

  /** Reads the header only; nothing is decoded. */
  async probe(bytes: Buffer): Promise<SourceImageInfo> {
    const meta = await this.readMetadata(bytes);
    return this.describe(meta, bytes.length);
  }

  /**
   * Decodes `bytes` into an sRGB proxy whose long side is ≤ maxSide: EXIF orientation
   * applied, ICC/CMYK/greyscale/16-bit converted to 8-bit sRGB, alpha dropped (the
   * statistics describe colour, and a flattening background would invent some).
   * Animated images contribute their first frame.
   */
  async decodeProxy(bytes: Buffer, maxSide = ANALYSIS_PROXY_SIDE): Promise<DecodedProxy> {
    const meta = await this.readMetadata(bytes);
    const source = this.describe(meta, bytes.length);
    const target = proxySize(source.width, source.height, maxSide);
    let output: { data: Buffer; info: sharp.OutputInfo };
    try {
      output = await this.open(bytes, meta)
        // A triangle filter scaled to the reduction averages every source pixel and
        // never overshoots, so min/max, percentiles and clipping stay honest (lanczos
        // would ring at edges and invent clipped pixels).
        .resize({ width: target.width, height: target.height, fit: 'fill', kernel: 'linear' })
        .toColourspace('srgb')
        .removeAlpha()
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw this.decodeError(error, source);
    }
    const { width, height, channels } = output.info;
    if (channels !== 3 || output.data.length !== width * height * 3) {
      throw new Error(`image decoder: expected ${width}×${height}×3 bytes of RGB, got ${output.data.length} bytes in ${channels} channels`);
    }
    const data = new Uint8Array(output.data.buffer, output.data.byteOffset, output.data.length);
    return { source, proxy: { data, width, height, channels: 3 } };
  }

  /**
   * Decodes the full image for grading: EXIF orientation applied, any embedded ICC
   * profile (or CMYK, greyscale) converted to sRGB, alpha kept, and 16-bit depth kept
   * for 16-bit sources (PNG/TIFF) so a grade does not posterise them.
   */
  async decodeFull(bytes: Buffer): Promise<DecodedImage> {
    const meta = await this.readMetadata(bytes);
    const source = this.describe(meta, bytes.length);
    const sixteen = meta.depth === 'ushort';
    let output: { data: Buffer; info: sharp.OutputInfo };
    try {
      const pipeline = this.open(bytes, meta).toColourspace(sixteen ? 'rgb16' : 'srgb');
      output = await (source.hasAlpha ? pipeline.ensureAlpha() : pipeline.removeAlpha())
        .raw({ depth: sixteen ? 'ushort' : 'uchar' })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw this.decodeError(error, source);
    }
    const { width, height, channels } = output.info;
    if (channels !== 3 && channels !== 4) throw new Error(`image decoder: expected 3 or 4 channels, got ${channels}`);
    const data = sixteen
      ? new Uint16Array(output.data.buffer, output.data.byteOffset, output.data.length / 2)
      : new Uint8Array(output.data.buffer, output.data.byteOffset, output.data.length);
    return { source, image: { data, width, height, channels }, bitDepth: sixteen ? 16 : 8 };
  }

  /**
   * A pipeline whose pixels come out in sRGB. sharp converts an embedded profile to
   * sRGB for 8-bit images but to Display P3 for 16-bit RGB ones (its "processing
   * profile"); the colour engine's maths and the encoder's output profile are sRGB,
   * so a 16-bit image with a profile is converted from it to sRGB explicitly.
   */
  private open(bytes: Buffer, meta: Metadata): sharp.Sharp {
    const options = { limitInputPixels: this.maxInputPixels, failOn: 'error', autoOrient: true } as const;
    if (meta.space !== 'rgb16' || !meta.icc) return sharp(bytes, options);
    return sharp(bytes, { ...options, ignoreIcc: true }).withIccProfile('srgb');
  }

  private async readMetadata(bytes: Buffer): Promise<Metadata> {
    if (bytes.length === 0) throw new DomainError('INVALID_IMAGE', 'The image file is empty');
    try {
      // Header only, so no pixel limit here: the size is compared below with a clear message.
      return await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch (error) {
      throw this.decodeError(error);
    }
  }

  private describe(meta: Metadata, bytes: number): SourceImageInfo {
    const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : String(meta.format);
    // HEIC (HEVC) is detected by the header but this libvips build has no HEVC decoder.
    if (!DECODABLE_FORMATS.has(String(meta.format)) || (meta.format === 'heif' && meta.compression !== 'av1')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', MESSAGES.UNSUPPORTED_MEDIA_TYPE, [{ field: 'image', message: `format "${format}" is not accepted` }]);
    }
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (!width || !height) throw new DomainError('INVALID_IMAGE', MESSAGES.INVALID_IMAGE, [{ field: 'image', message: 'the header has no dimensions' }]);
    if (width * height > this.maxInputPixels) {
      throw new DomainError('IMAGE_TOO_LARGE', MESSAGES.IMAGE_TOO_LARGE, [
        { field: 'image', message: `${width}×${height} is ${width * height} pixels; the limit is ${this.maxInputPixels}`, width, height, max_pixels: this.maxInputPixels },
      ]);
    }
    return { format, width, height, hasAlpha: meta.hasAlpha === true, bytes };
  }

  private decodeError(error: unknown, source?: SourceImageInfo): DomainError {
    const reason = error instanceof Error ? error.message : String(error);
    const code = decodeErrorCode(reason);
    // libvips messages name the codec and the fault ("VipsJpeg: premature end of JPEG image"),
    // nothing about this machine, so the first line is a useful detail for the caller.
    const detail = reason.split('\n')[0].trim().slice(0, 200);
    const extra = code === 'IMAGE_TOO_LARGE' && source ? { width: source.width, height: source.height, max_pixels: this.maxInputPixels } : {};
    return new DomainError(code, MESSAGES[code], [{ field: 'image', message: detail, ...extra }]);
  }
}
