import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** POST /api/v1/analyze — exactly one of `image_key` or `image`. */
export class AnalyzeRequestDto {
  @InlineImageField()
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @WebhookUrlField()
  webhook_url?: string;
}
