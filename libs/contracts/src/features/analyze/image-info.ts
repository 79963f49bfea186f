import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** POST /api/v1/image/info — exactly one of `image_key` or `image`. */
export class ImageInfoRequestDto {
  @InlineImageField('Base64-encoded image or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @WebhookUrlField()
  webhook_url?: string;
}

/** `image_info` takes no parameters. */
export type ImageInfoTaskParams = Record<string, never>;

/** What an image is, read from its header (nothing is decoded). */
export interface ImageInfoResult {
  /** jpeg, png, webp, tiff, gif, avif or heif. */
  format: string;
  /** Displayed size: EXIF orientation applied. */
  width: number;
  height: number;
  /** width × height / 1e6, rounded to 2 decimals. */
  megapixels: number;
  /** width / height, rounded to 4 decimals. */
  aspect_ratio: number;
  has_alpha: boolean;
  bytes: number;
}
