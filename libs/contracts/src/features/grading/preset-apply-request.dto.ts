import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import { ImageResponseFormatField, IntensityField } from './grading-fields';
import type { RESPONSE_FORMATS } from '../match/match-request.dto';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** POST /api/v1/presets/{preset_name}/apply — exactly one of `image_key` or `image`. */
export class PresetApplyRequestDto {
  @InlineImageField('Base64-encoded image or an http(s) URL (deprecated — prefer image_key)')
  image?: string;

  @ImageKeyField()
  image_key?: string;

  @IntensityField('Strength of the preset, 0–1: the preset’s values are scaled toward neutral (0 = unchanged, 0.5 = a milder grade of the same kind, 1 = full).')
  intensity: number = 1;

  @ImageResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}
